import { Alert, Button, Group, NativeSelect, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Unit, User } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { formatDay } from "../contacts/time.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { AlertsSection } from "./AlertsSection.tsx";
import { mayReadAlerts } from "./alerts.ts";
import { type WorklistContact, worklistQuery } from "./api.ts";
import { ContactDrawer } from "./ContactDrawer.tsx";
import { CountersBar } from "./CountersBar.tsx";
import { RegisterContactModal } from "./RegisterContactModal.tsx";
import { chosenUnit, useWorklistUnits, type WorklistUnits } from "./units.ts";
import { type StreamState, useWorklistStream } from "./useWorklistStream.ts";
import { WorklistNav } from "./WorklistNav.tsx";
import { WorklistTable } from "./WorklistTable.tsx";
import { weekdayName } from "./waiting.ts";
import { sortWorklist } from "./worklist-rows.ts";

const worklistRoute = getRouteApi("/_app/arbetslista");

interface WorklistFrameProps {
  title: string;
  user: User;
  requestedUnit: string | undefined;
  onUnitChange: (hsaId: string) => void;
  /** Shown above the unit choice, whatever unit is chosen (the deadline alerts). */
  top?: ReactNode;
  children: (context: { unit: Unit; units: WorklistUnits }) => ReactNode;
}

/**
 * What every unit view of the worklist shares: the units the user may open, the choice among them (kept
 * in the address), and the links between the views. A region admin chooses a unit before any patient
 * data is fetched, since each fetch is an audited read.
 */
export function WorklistFrame({
  title,
  user,
  requestedUnit,
  onUnitChange,
  top,
  children,
}: WorklistFrameProps) {
  const { t } = useTranslation();
  const { query, units } = useWorklistUnits(user);
  const pickFirst = user.role !== "region_admin";

  let body: ReactNode;
  let unit: Unit | null = null;
  if (query.isPending) body = <LoadingState label={t("worklist.loadingUnits")} />;
  else if (query.isError || units === null) {
    body = (
      <LoadError title={t("worklist.unitsFailed")} error={query.error} onRetry={() => void query.refetch()} />
    );
  } else {
    unit = pickFirst
      ? chosenUnit(units.own, requestedUnit)
      : (units.own.find((u) => u.hsaId === requestedUnit) ?? null);
    body = (
      <>
        {units.own.length > 1 && (
          <NativeSelect
            label={t("worklist.unit")}
            value={unit?.hsaId ?? ""}
            data={[
              ...(unit === null ? [{ value: "", label: t("worklist.chooseUnit") }] : []),
              ...units.own.map((u) => ({ value: u.hsaId, label: u.name })),
            ]}
            onChange={(event) => onUnitChange(event.currentTarget.value)}
            maw={420}
            mb="md"
          />
        )}
        {units.own.length === 1 && unit && (
          <Text fz="lg" fw={600} mb="md">
            {unit.name}
          </Text>
        )}
        {units.own.length === 0 ? (
          <Text>{t("worklist.noUnits")}</Text>
        ) : unit === null ? (
          <Text>{t("worklist.chooseUnitPrompt")}</Text>
        ) : (
          children({ unit, units })
        )}
      </>
    );
  }

  return (
    <Page title={title}>
      <WorklistNav
        unitHsaId={unit?.hsaId ?? requestedUnit ?? null}
        showUnitViews
        showOverflow={user.role === "region_admin" || (units?.backupTeam ?? false)}
      />
      {top}
      {body}
    </Page>
  );
}

/** `/arbetslista`: today's contacts of one unit, live. */
export function WorklistPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const search = worklistRoute.useSearch();
  const navigate = worklistRoute.useNavigate();
  return (
    <WorklistFrame
      title={t("worklist.title")}
      user={user}
      requestedUnit={search.enhet}
      onUnitChange={(hsaId) => void navigate({ search: { enhet: hsaId } })}
      top={mayReadAlerts(user) ? <AlertsSection /> : null}
    >
      {({ unit, units }) => <UnitDay key={unit.hsaId} unit={unit} units={units} user={user} />}
    </WorklistFrame>
  );
}

function UnitDay({ unit, units, user }: { unit: Unit; units: WorklistUnits; user: User }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "sv";
  const worklist = useQuery(worklistQuery(unit.hsaId));
  const stream = useWorklistStream({ unit: unit.hsaId });
  const [openId, setOpenId] = useState<string | null>(null);
  const [registering, setRegistering] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const rows = useMemo(() => (worklist.data ? sortWorklist(worklist.data.contacts) : []), [worklist.data]);

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <StreamStatus state={stream} />
        <Button onClick={() => setRegistering(true)}>{t("worklist.register.open")}</Button>
      </Group>
      <Text role="status" fw={600} mb="sm">
        {announcement}
      </Text>
      {worklist.isPending ? (
        <LoadingState label={t("worklist.loading")} />
      ) : worklist.isError ? (
        <LoadError
          title={t("worklist.loadFailed")}
          error={worklist.error}
          onRetry={() => void worklist.refetch()}
        />
      ) : (
        <>
          {worklist.data.waitingForNextOpenDay && (
            <Alert
              color="blue"
              variant="outline"
              mb="md"
              title={t("worklist.waitingTitle", { day: weekdayName(worklist.data.date, language) })}
            >
              {t("worklist.waitingText", { date: formatDay(worklist.data.date, language) })}
            </Alert>
          )}
          <CountersBar counters={worklist.data.counters} />
          <WorklistTable
            caption={t("worklist.caption", {
              unit: worklist.data.unit.name,
              date: formatDay(worklist.data.date, language),
            })}
            contacts={rows}
            columns="day"
            onOpen={(contact: WorklistContact) => setOpenId(contact.id)}
            emptyText={
              worklist.data.waitingForNextOpenDay
                ? t("worklist.waitingEmpty", { day: weekdayName(worklist.data.date, language) })
                : t("worklist.empty")
            }
          />
        </>
      )}
      <ContactDrawer
        opened={openId !== null}
        contact={rows.find((c) => c.id === openId) ?? null}
        onClose={() => setOpenId(null)}
        user={user}
        unitHsaId={unit.hsaId}
        regionUnits={units.region}
      />
      <RegisterContactModal
        opened={registering}
        onClose={() => setRegistering(false)}
        unitHsaId={unit.hsaId}
        unitName={unit.name}
        onRegistered={setAnnouncement}
      />
    </>
  );
}

/** Whether the list updates by itself; said in words, and shown next to a symbol. */
export function StreamStatus({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={600} data-stream={state}>
      <span aria-hidden="true">{state === "live" ? "● " : "○ "}</span>
      {t(`worklist.stream.${state}`)}
    </Text>
  );
}
