import {
  Alert,
  Anchor,
  Button,
  Divider,
  Drawer,
  Group,
  List,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../api/error-message.ts";
import type { Unit, User } from "../../api/types.ts";
import { ACCESSIBLE_COLORS } from "../../app/theme.ts";
import { outcomeLabelKey } from "../contacts/status.ts";
import { formatDay, formatTime, stockholmDate } from "../contacts/time.ts";
import { contactActions, type WorklistContact } from "./api.ts";
import { AssessmentForm, FeedbackForm, NoteForm, TransferForm, useContactAction } from "./ContactActions.tsx";
import { FlagBadges } from "./FlagBadges.tsx";
import { isProfession } from "./professions.ts";
import { residentText, useDueText } from "./WorklistTable.tsx";
import { claimedByMe } from "./worklist-rows.ts";

interface ContactDrawerProps {
  /** The contact as the latest worklist fetch has it; null once it left the list (e.g. transferred). */
  contact: WorklistContact | null;
  opened: boolean;
  onClose: () => void;
  user: User;
  unitHsaId: string;
  regionUnits: readonly Unit[];
  /** In the overflow view, the backup team's unit: the contact can be taken over there in one step. */
  takeOverTo?: Unit | null;
}

/**
 * One contact and everything staff do with it. The drawer traps focus while open and gives it back to
 * the row's button when closed (Mantine's Drawer); results of actions are announced in a status line.
 */
export function ContactDrawer({
  contact,
  opened,
  onClose,
  user,
  unitHsaId,
  regionUnits,
  takeOverTo = null,
}: ContactDrawerProps) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState("");
  const title = contact
    ? t("worklist.drawer.title", { resident: residentText(contact, t) })
    : t("worklist.drawer.gone");

  return (
    <Drawer
      opened={opened}
      onClose={() => {
        setAnnouncement("");
        onClose();
      }}
      position="right"
      size="lg"
      title={
        <Text fw={700} fz="lg" component="span">
          {title}
        </Text>
      }
      closeButtonProps={{ "aria-label": t("worklist.drawer.close") }}
    >
      <Text role="status" fw={600} mb="sm" c={ACCESSIBLE_COLORS.green}>
        {announcement}
      </Text>
      {contact === null ? (
        <Text>{t("worklist.drawer.goneText")}</Text>
      ) : (
        <ContactDetails
          contact={contact}
          user={user}
          unitHsaId={contact.unitHsaId ?? unitHsaId}
          regionUnits={regionUnits}
          takeOverTo={takeOverTo}
          announce={setAnnouncement}
        />
      )}
    </Drawer>
  );
}

function ContactDetails(props: {
  contact: WorklistContact;
  user: User;
  unitHsaId: string;
  regionUnits: readonly Unit[];
  takeOverTo: Unit | null;
  announce: (text: string) => void;
}) {
  const { contact, user, unitHsaId, regionUnits, takeOverTo, announce } = props;
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const dueText = useDueText();
  const open = contact.status === "open";
  const mine = claimedByMe(contact, user.id);
  const someoneElse = open && contact.claimedBy !== null && !mine;
  const when = (instant: string | null) =>
    instant === null
      ? "–"
      : stockholmDate(instant) === contact.serviceDay
        ? formatTime(instant, language)
        : `${formatDay(stockholmDate(instant), language)} ${formatTime(instant, language)}`;

  const claim = useContactAction(
    () => contactActions.claim(contact.id),
    () => announce(t("worklist.done.claim")),
  );
  const release = useContactAction(
    () => contactActions.release(contact.id),
    () => announce(t("worklist.done.release")),
  );
  const attempt = useContactAction(
    () => contactActions.attempt(contact.id),
    () => announce(t("worklist.done.attempt")),
  );
  const response = useContactAction(
    () => contactActions.response(contact.id),
    () => announce(t("worklist.done.response")),
  );
  const takeOver = useContactAction(
    (to: Unit) =>
      contactActions.transfer(contact.id, { toUnitHsaId: to.hsaId, reason: t("worklist.takeOver.reason") }),
    () => announce(t("worklist.done.takeOver")),
  );
  const callError = claim.error ?? release.error ?? attempt.error ?? response.error ?? takeOver.error;
  const outcomeKey = outcomeLabelKey(contact.outcome);
  const formProps = { contact, unitHsaId, announce };

  const facts: [string, string][] = [
    [t("worklist.drawer.due"), dueText(contact)],
    [
      t("worklist.drawer.received"),
      `${when(contact.receivedAt)} (${t(`worklist.channel.${contact.channel}`)})`,
    ],
    [
      t("worklist.drawer.window"),
      contact.callbackWindow ? t(`worklist.window.${windowKey(contact.callbackWindow)}`) : "–",
    ],
    [t("worklist.drawer.attempts"), String(contact.attempts)],
    [t("worklist.drawer.responded"), when(contact.respondedAt)],
    [
      t("worklist.drawer.feedback"),
      contact.feedbackAt ? `${when(contact.feedbackAt)}${outcomeKey ? `, ${t(outcomeKey)}` : ""}` : "–",
    ],
    [
      t("worklist.drawer.assessed"),
      contact.assessedAt
        ? `${when(contact.assessedAt)}, ${contact.assessedBy && isProfession(contact.assessedBy) ? t(`worklist.profession.${contact.assessedBy}`) : (contact.assessedBy ?? "")}`
        : contact.assessmentDeadline
          ? t("worklist.drawer.assessBy", { date: formatDay(contact.assessmentDeadline, language) })
          : "–",
    ],
  ];
  if (contact.transferredFrom) facts.push([t("worklist.drawer.transferredFrom"), contact.transferredFrom]);

  return (
    <Stack gap="md">
      <FlagBadges contact={contact} />
      <Table variant="vertical" layout="fixed" withTableBorder>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={170}>{t("worklist.drawer.phone")}</Table.Th>
            <Table.Td>
              {contact.phone ? (
                <Anchor href={`tel:${contact.phone.replace(/[^\d+]/g, "")}`}>{contact.phone}</Anchor>
              ) : (
                "–"
              )}
            </Table.Td>
          </Table.Tr>
          {facts.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={170}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {contact.description && (
        <div>
          <Title order={3} fz="h5" mb={4}>
            {t("worklist.drawer.description")}
          </Title>
          <Text style={{ whiteSpace: "pre-wrap" }}>{contact.description}</Text>
        </div>
      )}

      {open && (
        <>
          <Divider />
          <Title order={3} fz="h5">
            {t("worklist.drawer.call")}
          </Title>
          {someoneElse && contact.claimedBy && (
            <Alert variant="outline" color="blue">
              {t("worklist.drawer.claimedByOther", { name: contact.claimedBy.displayName })}
            </Alert>
          )}
          {takeOverTo && unitHsaId !== takeOverTo.hsaId && (
            <Button
              variant="filled"
              onClick={() => takeOver.mutate(takeOverTo)}
              loading={takeOver.isPending}
              style={{ alignSelf: "flex-start" }}
            >
              {t("worklist.takeOver.button", { unit: takeOverTo.name })}
            </Button>
          )}
          <Group gap="sm" wrap="wrap">
            {!mine && (
              <Button
                onClick={() => claim.mutate(undefined)}
                loading={claim.isPending}
                disabled={someoneElse}
              >
                {t("worklist.actions.claim")}
              </Button>
            )}
            {mine && (
              <Button variant="outline" onClick={() => release.mutate(undefined)} loading={release.isPending}>
                {t("worklist.actions.release")}
              </Button>
            )}
            <Button
              variant="outline"
              onClick={() => attempt.mutate(undefined)}
              loading={attempt.isPending}
              disabled={someoneElse}
            >
              {t("worklist.actions.attempt")}
            </Button>
            {contact.respondedAt === null && (
              <Button
                variant="outline"
                onClick={() => response.mutate(undefined)}
                loading={response.isPending}
                disabled={someoneElse}
              >
                {t("worklist.actions.response")}
              </Button>
            )}
          </Group>
          {callError && (
            <Alert color="red" variant="outline" role="alert">
              {errorMessage(callError, t)}
            </Alert>
          )}
          <Text size="sm">{t("worklist.drawer.attemptHint")}</Text>
          <Divider />
          <FeedbackForm {...formProps} regionUnits={regionUnits} />
        </>
      )}

      <Divider />
      <Title order={3} fz="h5">
        {t("worklist.drawer.notes")}
      </Title>
      {contact.notes.length > 0 ? (
        <List spacing="xs">
          {contact.notes.map((note, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: notes only ever append; two may share a time.
            <List.Item key={`${note.at}-${index}`}>
              <Text span fw={600}>
                {when(note.at)} {note.author}:
              </Text>{" "}
              <Text span style={{ whiteSpace: "pre-wrap" }}>
                {note.text}
              </Text>
            </List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm">{t("worklist.drawer.noNotes")}</Text>
      )}
      <NoteForm {...formProps} />

      {contact.assessedAt === null && (
        <>
          <Divider />
          <Title order={3} fz="h5">
            {t("worklist.assessment.title")}
          </Title>
          <AssessmentForm {...formProps} />
        </>
      )}

      {open && (
        <>
          <Divider />
          <Title order={3} fz="h5">
            {t("worklist.transfer.title")}
          </Title>
          <TransferForm {...formProps} regionUnits={regionUnits} />
        </>
      )}
    </Stack>
  );
}

function windowKey(value: string): "morning" | "afternoon" | "any" {
  return value === "morning" || value === "afternoon" ? value : "any";
}
