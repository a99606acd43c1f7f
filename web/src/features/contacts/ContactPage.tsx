import { Alert, Anchor, Button, Radio, Stack, Text, Textarea, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../api/client.ts";
import { errorMessage } from "../../api/error-message.ts";
import { AnchorLink } from "../reimbursement/AnchorLink.tsx";
import { Page } from "../shell/Page.tsx";
import { CALLBACK_WINDOWS, type CallbackWindow, type PublicUnit, submitContact } from "./api.ts";
import { ContactReceiptView } from "./ContactReceipt.tsx";
import {
  CONTACT_FIELDS,
  type ContactField,
  type ContactFormErrors,
  type ContactFormValues,
  DESCRIPTION_MAX,
  descriptionProblem,
  EMPTY_CONTACT_FORM,
  errorKeyOf,
  type FieldProblem,
  fieldsOfServerIssues,
  identityFieldProblem,
  phoneProblem,
  toNewWebContact,
  validateContactForm,
} from "./contact-form.ts";
import { UnitChooser } from "./UnitChooser.tsx";

/** Element ids: the error summary links to them and moves focus there. */
const FIELD_IDS: Record<ContactField, string> = {
  unit: "contact-unit",
  identityNumber: "contact-identity",
  phone: "contact-phone",
  description: "contact-description",
  newProblem: "contact-new-problem",
};

/**
 * The first focusable control of a field: the input itself, or the chosen/first radio of a group; for the
 * unit before any search, the search box (whose id is the group's plus "-search").
 */
function focusField(field: ContactField): void {
  const element = document.getElementById(FIELD_IDS[field]);
  if (!element) return;
  const target =
    element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement
      ? element
      : (element.querySelector<HTMLInputElement>("input:checked") ??
        element.querySelector<HTMLInputElement>("input") ??
        document.getElementById(`${FIELD_IDS[field]}-search`));
  target?.focus();
}

/** The resident's contact form (public, no login): `/kontakt`. After sending, the receipt replaces it. */
export function ContactPage() {
  const { t } = useTranslation();
  const [values, setValues] = useState<ContactFormValues>(EMPTY_CONTACT_FORM);
  const [unit, setUnit] = useState<PublicUnit | null>(null);
  // Errors show once a field was left or the form was sent, not while the resident is still typing.
  const [errors, setErrors] = useState<ContactFormErrors>({});
  const [summaryShown, setSummaryShown] = useState(0);
  const summaryRef = useRef<HTMLElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);

  const send = useMutation({
    mutationFn: submitContact,
    onError: (error) => {
      if (isApiError(error) && error.code === "validation_failed") {
        const serverErrors = fieldsOfServerIssues(error.details);
        if (Object.keys(serverErrors).length > 0) {
          setErrors(serverErrors);
          setSummaryShown((n) => n + 1);
          return;
        }
      }
    },
  });
  const failedWithoutFieldErrors = send.isError && Object.keys(errors).length === 0;

  useEffect(() => {
    if (summaryShown > 0) summaryRef.current?.focus();
  }, [summaryShown]);

  // Focus moves to the message so that a screen-reader user hears why nothing happened.
  useEffect(() => {
    if (failedWithoutFieldErrors && send.submittedAt > 0) failureRef.current?.focus();
  }, [failedWithoutFieldErrors, send.submittedAt]);

  if (send.isSuccess) return <ContactReceiptView receipt={send.data} />;

  function update<K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  /** After leaving a field, or while fixing a field already marked wrong, check it again. */
  function recheck(field: ContactField, problem: FieldProblem | null, onlyIfShown: boolean) {
    setErrors((current) => {
      if (onlyIfShown && !current[field]) return current;
      const next = { ...current };
      if (problem) next[field] = problem;
      else delete next[field];
      return next;
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const complete = { ...values, unitHsaId: unit?.hsaId ?? null };
    const found = validateContactForm(complete);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSummaryShown((n) => n + 1);
      return;
    }
    // The honeypot (below) is read from the form itself: people never see it, so it stays empty.
    const honeypot = new FormData(event.currentTarget).get("website");
    send.mutate({
      ...toNewWebContact(complete),
      ...(typeof honeypot === "string" && honeypot !== "" ? { website: honeypot } : {}),
    });
  }

  const message = (field: ContactField): string | null => {
    const problem = errors[field];
    return problem ? t(errorKeyOf(field, problem)) : null;
  };
  const listed = CONTACT_FIELDS.filter((field) => errors[field]);

  return (
    <Page title={t("contact.form.title")} size={640}>
      <Text mb="md">{t("contact.form.intro")}</Text>
      <Alert color="red" variant="outline" mb="lg" title={t("contact.form.emergencyTitle")}>
        {t("contact.form.emergency")}
      </Alert>
      <Text mb="lg">
        <AnchorLink to="/oppna-data">{t("openData.contactLink")}</AnchorLink>
      </Text>

      {listed.length > 0 && summaryShown > 0 && (
        <section ref={summaryRef} tabIndex={-1} aria-labelledby="contact-error-summary-title">
          <Alert color="red" variant="outline" mb="lg">
            <Text component="h2" id="contact-error-summary-title" fw={700} fz="lg" mb="xs">
              {t("contact.form.errorSummary", { count: listed.length })}
            </Text>
            <ul>
              {listed.map((field) => (
                <li key={field}>
                  <Anchor
                    href={`#${FIELD_IDS[field]}`}
                    onClick={(event) => {
                      event.preventDefault();
                      focusField(field);
                    }}
                  >
                    {message(field)}
                  </Anchor>
                </li>
              ))}
            </ul>
          </Alert>
        </section>
      )}

      {failedWithoutFieldErrors && (
        <div ref={failureRef} tabIndex={-1}>
          <Alert color="red" variant="outline" mb="lg" title={t("contact.form.sendFailed")}>
            {errorMessage(send.error, t)}
          </Alert>
        </div>
      )}

      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <UnitChooser
            id={FIELD_IDS.unit}
            value={unit}
            onChange={(chosen) => {
              setUnit(chosen);
              recheck("unit", null, true);
            }}
            error={message("unit")}
          />
          <TextInput
            id={FIELD_IDS.identityNumber}
            label={t("contact.form.identityNumber")}
            description={t("contact.form.identityNumberHint")}
            required
            inputMode="numeric"
            autoComplete="off"
            value={values.identityNumber}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update("identityNumber", value);
              recheck("identityNumber", identityFieldProblem(value), true);
            }}
            onBlur={(event) => {
              const value = event.currentTarget.value;
              if (value.trim() !== "") recheck("identityNumber", identityFieldProblem(value), false);
            }}
            error={message("identityNumber")}
          />
          <TextInput
            id={FIELD_IDS.phone}
            type="tel"
            label={t("contact.form.phone")}
            description={t("contact.form.phoneHint")}
            required
            autoComplete="tel"
            value={values.phone}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update("phone", value);
              recheck("phone", phoneProblem(value), true);
            }}
            onBlur={(event) => {
              const value = event.currentTarget.value;
              if (value.trim() !== "") recheck("phone", phoneProblem(value), false);
            }}
            error={message("phone")}
          />
          <Textarea
            id={FIELD_IDS.description}
            label={t("contact.form.description")}
            description={t("contact.form.descriptionHint", {
              count: values.description.trim().length,
              max: DESCRIPTION_MAX,
            })}
            required
            autosize
            minRows={4}
            maxLength={DESCRIPTION_MAX}
            value={values.description}
            onChange={(event) => {
              const value = event.currentTarget.value;
              update("description", value);
              recheck("description", descriptionProblem(value), true);
            }}
            error={message("description")}
          />
          <div id={FIELD_IDS.newProblem}>
            <Radio.Group
              label={t("contact.form.newProblem")}
              description={t("contact.form.newProblemHint")}
              withAsterisk
              value={values.newProblem}
              onChange={(value) => {
                update("newProblem", value === "yes" ? "yes" : "no");
                recheck("newProblem", null, true);
              }}
              error={message("newProblem")}
            >
              <Stack gap="sm" mt="xs">
                <Radio value="yes" label={t("contact.form.yes")} />
                <Radio value="no" label={t("contact.form.no")} />
              </Stack>
            </Radio.Group>
          </div>
          <Radio.Group
            label={t("contact.form.window")}
            value={values.preferredWindow}
            onChange={(value) =>
              update(
                "preferredWindow",
                (CALLBACK_WINDOWS as readonly string[]).includes(value) ? (value as CallbackWindow) : "any",
              )
            }
          >
            <Stack gap="sm" mt="xs">
              {CALLBACK_WINDOWS.map((window) => (
                <Radio key={window} value={window} label={t(`contact.window.${window}`)} />
              ))}
            </Stack>
          </Radio.Group>
          {/* A honeypot for form-filling robots: off-screen, hidden from assistive technology, out of the
              tab order and never autofilled, so only a robot fills it (the server then stores nothing). */}
          <div aria-hidden="true" className="honeypot">
            <label htmlFor="contact-website">{t("contact.form.honeypot")}</label>
            <input id="contact-website" name="website" type="text" tabIndex={-1} autoComplete="off" />
          </div>
          <Text size="sm">{t("contact.form.privacy")}</Text>
          <Button type="submit" size="md" loading={send.isPending} style={{ alignSelf: "flex-start" }}>
            {t("contact.form.submit")}
          </Button>
        </Stack>
      </form>
    </Page>
  );
}
