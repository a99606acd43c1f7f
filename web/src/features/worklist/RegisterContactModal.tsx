import { Alert, Button, Modal, Radio, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import {
  descriptionProblem,
  errorKeyOf,
  identityFieldProblem,
  phoneProblem,
} from "../contacts/contact-form.ts";
import { identityNumberForSending } from "../contacts/identity-number.ts";
import { contactActions, type NewStaffContact } from "./api.ts";
import { useContactAction } from "./ContactActions.tsx";

interface RegisterContactModalProps {
  opened: boolean;
  onClose: () => void;
  unitHsaId: string;
  unitName: string;
  onRegistered: (text: string) => void;
}

type Errors = Partial<Record<"identityNumber" | "phone" | "description" | "newProblem", string>>;

/** Registers a walk-in or a letter on the unit's worklist ("Registrera besök eller brev"). */
export function RegisterContactModal({
  opened,
  onClose,
  unitHsaId,
  unitName,
  onRegistered,
}: RegisterContactModalProps) {
  const { t } = useTranslation();
  const [channel, setChannel] = useState<"visit" | "letter">("visit");
  const [identityNumber, setIdentityNumber] = useState("");
  const [phone, setPhone] = useState("");
  const [description, setDescription] = useState("");
  const [newProblem, setNewProblem] = useState<"" | "yes" | "no">("");
  const [errors, setErrors] = useState<Errors>({});

  const reset = () => {
    setChannel("visit");
    setIdentityNumber("");
    setPhone("");
    setDescription("");
    setNewProblem("");
    setErrors({});
  };
  const register = useContactAction(
    (input: NewStaffContact) => contactActions.register(input),
    () => {
      onRegistered(t("worklist.register.done"));
      reset();
      onClose();
    },
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found: Errors = {};
    const identity = identityFieldProblem(identityNumber);
    if (identity) found.identityNumber = t(errorKeyOf("identityNumber", identity));
    const phoneIssue = phone.trim() === "" ? null : phoneProblem(phone);
    if (phoneIssue) found.phone = t(errorKeyOf("phone", phoneIssue));
    const descriptionIssue = descriptionProblem(description);
    if (descriptionIssue) found.description = t(errorKeyOf("description", descriptionIssue));
    if (newProblem === "") found.newProblem = t("contact.errors.newProblem.required");
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`register-${first}`)?.querySelector<HTMLElement>("input, textarea")?.focus();
      return;
    }
    register.mutate({
      unitHsaId,
      channel,
      identityNumber: identityNumberForSending(identityNumber),
      ...(phone.trim() === "" ? {} : { phone: phone.trim() }),
      description: description.trim(),
      newProblem: newProblem === "yes",
    });
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("worklist.register.title", { unit: unitName })}
      closeButtonProps={{ "aria-label": t("worklist.drawer.close") }}
      size="lg"
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Radio.Group
            label={t("worklist.register.channel")}
            value={channel}
            onChange={(value) => setChannel(value === "letter" ? "letter" : "visit")}
          >
            <Stack gap={6} mt={6}>
              <Radio value="visit" label={t("worklist.channel.visit")} />
              <Radio value="letter" label={t("worklist.channel.letter")} />
            </Stack>
          </Radio.Group>
          <div id="register-identityNumber">
            <TextInput
              label={t("contact.form.identityNumber")}
              description={t("contact.form.identityNumberHint")}
              required
              autoComplete="off"
              value={identityNumber}
              onChange={(event) => setIdentityNumber(event.currentTarget.value)}
              error={errors.identityNumber}
            />
          </div>
          <div id="register-phone">
            <TextInput
              type="tel"
              label={t("worklist.register.phone")}
              value={phone}
              onChange={(event) => setPhone(event.currentTarget.value)}
              error={errors.phone}
            />
          </div>
          <div id="register-description">
            <Textarea
              label={t("worklist.register.description")}
              required
              autosize
              minRows={3}
              maxLength={1000}
              value={description}
              onChange={(event) => setDescription(event.currentTarget.value)}
              error={errors.description}
            />
          </div>
          <div id="register-newProblem">
            <Radio.Group
              label={t("contact.form.newProblem")}
              withAsterisk
              value={newProblem}
              onChange={(value) => setNewProblem(value === "yes" ? "yes" : "no")}
              error={errors.newProblem}
            >
              <Stack gap={6} mt={6}>
                <Radio value="yes" label={t("contact.form.yes")} />
                <Radio value="no" label={t("contact.form.no")} />
              </Stack>
            </Radio.Group>
          </div>
          {register.error ? <RegisterError error={register.error} /> : null}
          <Button type="submit" loading={register.isPending} style={{ alignSelf: "flex-start" }}>
            {t("worklist.register.save")}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

function RegisterError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" variant="outline" role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}
