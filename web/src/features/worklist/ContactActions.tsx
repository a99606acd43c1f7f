import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import type { Unit } from "../../api/types.ts";
import { OUTCOMES, type Outcome } from "../contacts/api.ts";
import { stockholmInstant } from "../contacts/time.ts";
import { contactActions, type FeedbackInput, WORKLIST_KEY, type WorklistContact } from "./api.ts";
import {
  isProfession,
  LICENSED_PROFESSIONS,
  type Profession,
  UNLICENSED_PROFESSIONS,
} from "./professions.ts";

/**
 * One action on a contact: on success the worklists are fetched again (the stream would also tell us,
 * but the nurse should not wait for it) and `onDone` announces what happened.
 */
export function useContactAction<TVariables>(
  action: (variables: TVariables) => Promise<unknown>,
  onDone: () => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: async () => {
      onDone();
      await queryClient.invalidateQueries({ queryKey: WORKLIST_KEY });
    },
  });
}

function ActionError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="outline" role="alert">
      {errorMessage(error, t)}
    </Alert>
  );
}

interface FormProps {
  contact: WorklistContact;
  /** The unit the contact belongs to now (the overflow list carries it per contact, the day list per page). */
  unitHsaId: string;
  announce: (text: string) => void;
}

export function FeedbackForm({
  contact,
  unitHsaId,
  regionUnits,
  announce,
}: FormProps & { regionUnits: readonly Unit[] }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<Outcome | "">("");
  const [visitDate, setVisitDate] = useState(contact.serviceDay);
  const [visitTime, setVisitTime] = useState("");
  const [referredUnit, setReferredUnit] = useState("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const save = useContactAction(
    (input: FeedbackInput) => contactActions.feedback(contact.id, input),
    () => announce(t("worklist.done.feedback")),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const trimmedNote = note.trim();
    const extra = trimmedNote === "" ? {} : { note: trimmedNote };
    let input: FeedbackInput;
    if (outcome === "") {
      setProblem(t("worklist.feedback.chooseOutcome"));
      return;
    }
    if (outcome === "booked_visit") {
      const visitAt = stockholmInstant(visitDate, visitTime);
      if (visitAt === null) {
        setProblem(t("worklist.feedback.visitRequired"));
        return;
      }
      input = { outcome, visitAt, ...extra };
    } else if (outcome === "referred_unit") {
      if (referredUnit === "") {
        setProblem(t("worklist.feedback.unitRequired"));
        return;
      }
      input = { outcome, referredUnitHsaId: referredUnit, ...extra };
    } else {
      input = { outcome, ...extra };
    }
    setProblem(null);
    save.mutate(input);
  }

  const otherUnits = regionUnits.filter((unit) => unit.hsaId !== unitHsaId && unit.type !== "backup");
  return (
    <form onSubmit={onSubmit} aria-labelledby={`feedback-${contact.id}`}>
      <Stack gap="sm">
        <Title order={3} fz="h5" id={`feedback-${contact.id}`}>
          {t("worklist.feedback.title")}
        </Title>
        <Radio.Group
          label={t("worklist.feedback.outcome")}
          withAsterisk
          value={outcome}
          onChange={(value) =>
            setOutcome((OUTCOMES as readonly string[]).includes(value) ? (value as Outcome) : "")
          }
          error={problem && outcome === "" ? problem : null}
        >
          <Stack gap={6} mt={6}>
            {OUTCOMES.map((o) => (
              <Radio key={o} value={o} label={t(`contact.outcome.${o}`)} />
            ))}
          </Stack>
        </Radio.Group>
        {outcome === "booked_visit" && (
          <Group gap="sm" align="flex-start">
            <TextInput
              type="date"
              label={t("worklist.feedback.visitDate")}
              required
              value={visitDate}
              onChange={(event) => setVisitDate(event.currentTarget.value)}
              error={problem && stockholmInstant(visitDate, visitTime) === null ? problem : null}
            />
            <TextInput
              type="time"
              label={t("worklist.feedback.visitTime")}
              required
              value={visitTime}
              onChange={(event) => setVisitTime(event.currentTarget.value)}
            />
          </Group>
        )}
        {outcome === "referred_unit" && (
          <NativeSelect
            label={t("worklist.feedback.referredUnit")}
            required
            value={referredUnit}
            onChange={(event) => setReferredUnit(event.currentTarget.value)}
            data={[
              { value: "", label: t("worklist.chooseUnit") },
              ...otherUnits.map((unit) => ({ value: unit.hsaId, label: unit.name })),
            ]}
            error={problem && referredUnit === "" ? problem : null}
          />
        )}
        <Textarea
          label={t("worklist.feedback.note")}
          autosize
          minRows={2}
          maxLength={2000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <ActionError error={save.error} />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
          {t("worklist.feedback.save")}
        </Button>
      </Stack>
    </form>
  );
}

export function NoteForm({ contact, announce }: FormProps) {
  const { t } = useTranslation();
  const [text, setText] = useState("");
  const save = useContactAction(
    (note: string) => contactActions.note(contact.id, note),
    () => {
      setText("");
      announce(t("worklist.done.note"));
    },
  );
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() !== "") save.mutate(text.trim());
      }}
    >
      <Stack gap="sm">
        <Textarea
          label={t("worklist.note.label")}
          autosize
          minRows={2}
          maxLength={2000}
          required
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <ActionError error={save.error} />
        <Button type="submit" variant="outline" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
          {t("worklist.note.save")}
        </Button>
      </Stack>
    </form>
  );
}

export function AssessmentForm({ contact, announce }: FormProps) {
  const { t } = useTranslation();
  const [profession, setProfession] = useState<Profession | "">("");
  const [date, setDate] = useState("");
  const [time, setTime] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const save = useContactAction(
    (input: { profession: Profession; at?: string }) => contactActions.assessment(contact.id, input),
    () => announce(t("worklist.done.assessment")),
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (profession === "") {
      setProblem(t("worklist.assessment.professionRequired"));
      return;
    }
    // Empty date and time mean "now", the usual case; a given time records an assessment made earlier.
    if (date === "" && time === "") {
      setProblem(null);
      save.mutate({ profession });
      return;
    }
    const at = stockholmInstant(date, time);
    if (at === null) {
      setProblem(t("worklist.assessment.timeInvalid"));
      return;
    }
    setProblem(null);
    save.mutate({ profession, at });
  }

  const option = (p: Profession) => ({ value: p, label: t(`worklist.profession.${p}`) });
  return (
    <form onSubmit={onSubmit}>
      <Stack gap="sm">
        <NativeSelect
          label={t("worklist.assessment.profession")}
          required
          value={profession}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setProfession(isProfession(value) ? value : "");
          }}
          data={[
            { value: "", label: t("worklist.assessment.chooseProfession") },
            { group: t("worklist.assessment.licensed"), items: LICENSED_PROFESSIONS.map(option) },
            { group: t("worklist.assessment.unlicensed"), items: UNLICENSED_PROFESSIONS.map(option) },
          ]}
          error={problem && profession === "" ? problem : null}
        />
        <Text size="sm">{t("worklist.assessment.timeHint")}</Text>
        <Group gap="sm" align="flex-start">
          <TextInput
            type="date"
            label={t("worklist.assessment.date")}
            value={date}
            onChange={(event) => setDate(event.currentTarget.value)}
            error={problem && profession !== "" ? problem : null}
          />
          <TextInput
            type="time"
            label={t("worklist.assessment.time")}
            value={time}
            onChange={(event) => setTime(event.currentTarget.value)}
          />
        </Group>
        <ActionError error={save.error} />
        <Button type="submit" variant="outline" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
          {t("worklist.assessment.save")}
        </Button>
      </Stack>
    </form>
  );
}

export function TransferForm({
  contact,
  unitHsaId,
  regionUnits,
  announce,
}: FormProps & { regionUnits: readonly Unit[] }) {
  const { t } = useTranslation();
  const [unit, setUnit] = useState("");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const save = useContactAction(
    (input: { toUnitHsaId: string; reason: string }) => contactActions.transfer(contact.id, input),
    () => announce(t("worklist.done.transfer")),
  );
  const others = regionUnits.filter((u) => u.hsaId !== unitHsaId);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (unit === "" || reason.trim() === "") {
          setProblem(t("worklist.transfer.required"));
          return;
        }
        setProblem(null);
        save.mutate({ toUnitHsaId: unit, reason: reason.trim() });
      }}
    >
      <Stack gap="sm">
        <NativeSelect
          label={t("worklist.transfer.unit")}
          required
          value={unit}
          onChange={(event) => setUnit(event.currentTarget.value)}
          data={[
            { value: "", label: t("worklist.chooseUnit") },
            ...others.map((u) => ({
              value: u.hsaId,
              label: u.type === "backup" ? `${u.name} (${t("worklist.transfer.backup")})` : u.name,
            })),
          ]}
          error={problem && unit === "" ? problem : null}
        />
        <TextInput
          label={t("worklist.transfer.reason")}
          required
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={problem && reason.trim() === "" ? problem : null}
        />
        <Text size="sm">{t("worklist.transfer.hint")}</Text>
        <ActionError error={save.error} />
        <Button type="submit" variant="outline" loading={save.isPending} style={{ alignSelf: "flex-start" }}>
          {t("worklist.transfer.save")}
        </Button>
      </Stack>
    </form>
  );
}
