import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Unit, User } from "../../api/types.ts";
import { useCurrentUser } from "../auth/session.ts";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { threeDayQuery } from "./api.ts";
import { ContactDrawer } from "./ContactDrawer.tsx";
import type { WorklistUnits } from "./units.ts";
import { useWorklistStream } from "./useWorklistStream.ts";
import { WorklistFrame } from "./WorklistPage.tsx";
import { WorklistTable } from "./WorklistTable.tsx";
import { sortThreeDay } from "./worklist-rows.ts";

const threeDayRoute = getRouteApi("/_app/arbetslista/tredagars");

/**
 * `/arbetslista/tredagars`: contacts about a new or worsened problem that still wait for a medical
 * assessment, across days, nearest vårdgaranti deadline (receipt + 3 days) first.
 */
export function ThreeDayPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const search = threeDayRoute.useSearch();
  const navigate = threeDayRoute.useNavigate();
  return (
    <WorklistFrame
      title={t("worklist.threeDay.title")}
      user={user}
      requestedUnit={search.enhet}
      onUnitChange={(hsaId) => void navigate({ search: { enhet: hsaId } })}
    >
      {({ unit, units }) => <ThreeDayList key={unit.hsaId} unit={unit} units={units} user={user} />}
    </WorklistFrame>
  );
}

function ThreeDayList({ unit, units, user }: { unit: Unit; units: WorklistUnits; user: User }) {
  const { t } = useTranslation();
  const list = useQuery(threeDayQuery(unit.hsaId));
  useWorklistStream({ unit: unit.hsaId });
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = useMemo(() => (list.data ? sortThreeDay(list.data.contacts) : []), [list.data]);

  return (
    <>
      <Text mb="md">{t("worklist.threeDay.intro")}</Text>
      {list.isPending ? (
        <LoadingState label={t("worklist.loading")} />
      ) : list.isError ? (
        <LoadError title={t("worklist.loadFailed")} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <WorklistTable
          caption={t("worklist.threeDay.caption", { unit: unit.name, count: rows.length })}
          contacts={rows.map((c) => ({ ...c, unitName: c.unitName ?? unit.name }))}
          columns="threeDay"
          onOpen={(contact) => setOpenId(contact.id)}
          emptyText={t("worklist.threeDay.empty")}
        />
      )}
      <ContactDrawer
        opened={openId !== null}
        contact={rows.find((c) => c.id === openId) ?? null}
        onClose={() => setOpenId(null)}
        user={user}
        unitHsaId={unit.hsaId}
        regionUnits={units.region}
      />
    </>
  );
}
