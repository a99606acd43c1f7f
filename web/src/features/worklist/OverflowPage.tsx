import { Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { overflowQuery } from "./api.ts";
import { ContactDrawer } from "./ContactDrawer.tsx";
import { useWorklistUnits } from "./units.ts";
import { useWorklistStream } from "./useWorklistStream.ts";
import { WorklistNav } from "./WorklistNav.tsx";
import { StreamStatus } from "./WorklistPage.tsx";
import { WorklistTable } from "./WorklistTable.tsx";
import { sortWorklist } from "./worklist-rows.ts";

/**
 * `/arbetslista/overflod`: today's open overflow of every unit in the region, for the regional backup
 * team (who take contacts over with a transfer) and the region admin, kept current by the region's
 * change stream.
 */
export function OverflowPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { units } = useWorklistUnits(user);
  const backupUnit = units?.own.find((unit) => unit.type === "backup") ?? null;
  const regionCode = user.regionCode ?? "";
  const list = useQuery({ ...overflowQuery(regionCode), enabled: user.regionCode !== null });
  // Only those who work the overflow may follow the region's changes; anyone else gets the 403 of the list.
  const follows = user.regionCode !== null && (user.role === "region_admin" || (units?.backupTeam ?? false));
  const stream = useWorklistStream(follows && user.regionCode !== null ? { region: user.regionCode } : null);
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = useMemo(() => (list.data ? sortWorklist(list.data.contacts) : []), [list.data]);
  const opened = rows.find((c) => c.id === openId) ?? null;

  return (
    <Page title={t("worklist.overflow.title")}>
      <WorklistNav unitHsaId={backupUnit?.hsaId ?? null} showUnitViews showOverflow />
      <Text mb="sm">{t("worklist.overflow.intro")}</Text>
      {follows && <StreamStatus state={stream} />}
      {list.isPending ? (
        <LoadingState label={t("worklist.loading")} />
      ) : list.isError ? (
        <LoadError title={t("worklist.loadFailed")} error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <WorklistTable
          caption={t("worklist.overflow.caption", { count: rows.length })}
          contacts={rows}
          columns="overflow"
          onOpen={(contact) => setOpenId(contact.id)}
          emptyText={t("worklist.overflow.empty")}
        />
      )}
      <ContactDrawer
        opened={openId !== null}
        contact={opened}
        onClose={() => setOpenId(null)}
        user={user}
        unitHsaId={opened?.unitHsaId ?? ""}
        regionUnits={units?.region ?? []}
        takeOverTo={backupUnit}
      />
    </Page>
  );
}
