import type { ServiceContext } from "../../lib/context.ts";
import { findRegions } from "./open-data.repository.ts";
import type { DcatCatalog } from "./open-data.schemas.ts";

// DCAT-AP-SE metadata for dataportal.se and other harvesters. The data are free to use (CC0), like the
// Swedish public sector's open data recommendations suggest; nothing in them is about a person.

const CC0 = "http://creativecommons.org/publicdomain/zero/1.0/";
const EU = "http://publications.europa.eu/resource/authority";
const MEDIA = "https://www.iana.org/assignments/media-types";

const sv = (value: string) => ({ "@language": "sv" as const, "@value": value });
const en = (value: string) => ({ "@language": "en" as const, "@value": value });

/** The catalogue of every region's open accessibility data, with absolute URLs under `baseUrl`. */
export async function openDataCatalog(ctx: ServiceContext, baseUrl: string): Promise<DcatCatalog> {
  const regions = await findRegions(ctx.db);
  const base = baseUrl.replace(/\/+$/, "");
  return {
    "@context": {
      dcat: "http://www.w3.org/ns/dcat#",
      dcterms: "http://purl.org/dc/terms/",
      foaf: "http://xmlns.com/foaf/0.1/",
      vcard: "http://www.w3.org/2006/vcard/ns#",
    },
    "@id": `${base}/api/public/catalog`,
    "@type": "dcat:Catalog",
    "dcterms:title": [sv("Vårdnav – öppna data om primärvården"), en("Vårdnav – open primary-care data")],
    "dcterms:description": [
      sv(
        "Tillgänglighet per hälsocentral och månad: telefon samma dag, svar och återkoppling samma dag, medicinsk bedömning inom tre dagar.",
      ),
      en(
        "Accessibility per health centre and month: phone the same day, answer and feedback the same day, medical assessment within three days.",
      ),
    ],
    "dcterms:publisher": { "@type": "foaf:Agent", "foaf:name": "Vårdnav" },
    "dcterms:license": { "@id": CC0 },
    "dcat:dataset": regions.map((region) => {
      const api = `${base}/api/public/accessibility?region=${region.code}`;
      return {
        "@id": `${base}/api/public/catalog#region-${region.code}`,
        "@type": "dcat:Dataset" as const,
        "dcterms:identifier": `vardnav-accessibility-${region.code}`,
        "dcterms:title": [
          sv(`Tillgänglighet i primärvården, ${region.name}`),
          en(`Primary-care accessibility, ${region.name}`),
        ],
        "dcterms:description": [
          sv(
            "Per enhet och kalendermånad, publicerad den 8:e i månaden efter. Siffror från färre än 20 kontakter skyddas (med sekundär skyddning); regionens summa visas alltid. Ange month=ÅÅÅÅ-MM.",
          ),
          en(
            "Per unit and calendar month, published on the 8th of the following month. Figures from fewer than 20 contacts are withheld (with secondary suppression); the region's total is always shown. Give month=YYYY-MM.",
          ),
        ],
        "dcterms:publisher": { "@type": "foaf:Agent" as const, "foaf:name": region.name },
        "dcat:contactPoint": {
          "@type": "vcard:Organization" as const,
          "vcard:fn": region.name,
          "vcard:hasURL": { "@id": `${base}/oppna-data` },
        },
        "dcat:keyword": [
          sv("primärvård"),
          sv("tillgänglighet"),
          sv("vårdgaranti"),
          en("primary care"),
          en("accessibility"),
        ],
        "dcat:theme": [{ "@id": `${EU}/data-theme/HEAL` }],
        "dcterms:accrualPeriodicity": { "@id": `${EU}/frequency/MONTHLY` },
        "dcat:landingPage": { "@id": `${base}/oppna-data` },
        "dcat:distribution": [
          {
            "@type": "dcat:Distribution" as const,
            "dcterms:title": [sv("JSON"), en("JSON")],
            "dcat:accessURL": { "@id": api },
            "dcat:mediaType": { "@id": `${MEDIA}/application/json` },
            "dcterms:license": { "@id": CC0 },
          },
          {
            "@type": "dcat:Distribution" as const,
            "dcterms:title": [sv("CSV"), en("CSV")],
            "dcat:accessURL": { "@id": `${api}&format=csv` },
            "dcat:mediaType": { "@id": `${MEDIA}/text/csv` },
            "dcterms:license": { "@id": CC0 },
          },
        ],
      };
    }),
  };
}
