import { Group, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useCurrentUser } from "../auth/session.ts";
import { Page } from "../shell/Page.tsx";
import { LoadError, LoadingState } from "../shell/QueryStates.tsx";
import { unitsQuery } from "../units/api.ts";
import { AnchorLink } from "./AnchorLink.tsx";
import { modelQuery } from "./api.ts";
import { LockedBadge } from "./Badges.tsx";
import { ModelComponentCard } from "./ModelComponents.tsx";
import { idParam, validityText } from "./months.ts";
import { ReimbursementNav } from "./ReimbursementNav.tsx";
import { useMoneyLanguage } from "./useMoneyLanguage.ts";

const route = getRouteApi("/_app/ersattning/modeller/$modelId");

/** One model version with every component's parameters. */
export function ModelPage() {
  const { t } = useTranslation();
  const { modelId } = route.useParams();
  const id = idParam(modelId);
  const model = useQuery({ ...modelQuery(id ?? 0), enabled: id !== null });
  const user = useCurrentUser();
  const regionCode = model.data?.regionCode ?? user.regionCode;
  const units = useQuery({ ...unitsQuery(regionCode ?? ""), enabled: regionCode !== null });
  const names = useMemo(
    () => new Map((units.data ?? []).map((unit) => [unit.hsaId, unit.name])),
    [units.data],
  );
  const language = useMoneyLanguage();

  if (id === null) {
    return (
      <Page title={t("reimbursement.model.title")}>
        <Text>{t("errors.not_found")}</Text>
      </Page>
    );
  }
  if (model.isPending) {
    return (
      <Page title={t("reimbursement.model.title")}>
        <LoadingState label={t("reimbursement.models.loading")} />
      </Page>
    );
  }
  if (model.isError) {
    return (
      <Page title={t("reimbursement.model.title")}>
        <LoadError
          title={t("reimbursement.models.loadFailed")}
          error={model.error}
          onRetry={() => void model.refetch()}
        />
      </Page>
    );
  }
  const detail = model.data;
  const openEnded = (from: string) => t("reimbursement.models.openEnded", { from });
  return (
    <Page title={detail.model.name}>
      <ReimbursementNav />
      <Stack gap="md">
        <Group gap="md">
          <LockedBadge locked={detail.locked} />
          <Text>
            {t("reimbursement.model.identity", { modelId: detail.modelId, version: detail.version })}
          </Text>
          <Text>
            {t("reimbursement.model.validity", {
              validity: validityText(detail.validFrom, detail.validTo, openEnded),
            })}
          </Text>
          <Text>{t(`reimbursement.models.purposes.${detail.purpose}`)}</Text>
        </Group>
        <Text c="dimmed">
          {detail.locked ? t("reimbursement.model.lockedText") : t("reimbursement.model.editableText")}
        </Text>
        {detail.model.components.length === 0 ? <Text>{t("reimbursement.model.noComponents")}</Text> : null}
        {detail.model.components.map((component) => (
          <ModelComponentCard
            key={component.id}
            component={component}
            language={language}
            unitName={(hsaId) => names.get(hsaId)}
          />
        ))}
        <AnchorLink to="/ersattning">{t("reimbursement.backToOverview")}</AnchorLink>
      </Stack>
    </Page>
  );
}
