import { z } from "zod";

// The region file of FORMATS.md ("Region file (JSON)"), a public contract: names and shapes here must
// not change. Unknown extra fields are ignored so regions can keep their own annotations in the file.

const hhmm = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'expected a time "HH:MM"');
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date YYYY-MM-DD")
  .refine(
    (s) =>
      !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: "not a real calendar date",
    },
  );

const windowSchema = z.tuple([hhmm, hhmm]).refine(([start, end]) => start < end, {
  message: "a window must start before it ends",
});

const dayWindows = z.array(windowSchema).superRefine((windows, ctx) => {
  const sorted = [...windows].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1] as [string, string];
    const cur = sorted[i] as [string, string];
    if (cur[0] < prev[1]) {
      ctx.addIssue({
        code: "custom",
        message: `windows ${prev[0]}–${prev[1]} and ${cur[0]}–${cur[1]} overlap`,
      });
    }
  }
});

export const weeklyHoursSchema = z.strictObject(
  {
    mon: dayWindows.optional(),
    tue: dayWindows.optional(),
    wed: dayWindows.optional(),
    thu: dayWindows.optional(),
    fri: dayWindows.optional(),
    sat: dayWindows.optional(),
    sun: dayWindows.optional(),
  },
  { message: "expected an object with keys mon … sun" },
);

export const regionFileUnitSchema = z.object({
  hsaId: z
    .string()
    .regex(/^SE[0-9]{10}-[A-Za-z0-9]{1,20}$/, 'expected an HSA-id such as "SE2321000016-15CQ"'),
  name: z.string().trim().min(1, "must not be empty").max(200),
  type: z.enum(["halsocentral", "sjukstuga", "filial", "backup"]),
  ownership: z.enum(["regional", "private"]),
  provider: z.object({
    name: z.string().trim().min(1, "must not be empty").max(200),
    orgNr: z.string().regex(/^\d{6}-?\d{4}$/, 'expected an organisationsnummer "NNNNNN-NNNN"'),
  }),
  kommun: z.string().regex(/^\d{4}$/, "expected a four-digit kommunkod"),
  location: z.object({
    lat: z.number().min(55, "outside Sweden").max(69.5, "outside Sweden"),
    lon: z.number().min(10, "outside Sweden").max(24.5, "outside Sweden"),
  }),
  phoneHours: weeklyHoursSchema,
  openingHours: weeklyHoursSchema,
  closedDates: z.array(isoDate).default([]),
  openDates: z.array(isoDate).default([]),
  callbackCapacity: z.object({
    slotMinutes: z.number().int("expected whole minutes").min(1).max(240),
    callsPerSlot: z.number().int("expected a whole number").min(0).max(1000),
  }),
});

export const regionFileSchema = z
  .object({
    region: z.object({
      code: z.string().regex(/^\d{2}$/, 'expected a two-digit länskod as text, e.g. "22"'),
      name: z.string().trim().min(1, "must not be empty").max(200),
    }),
    units: z.array(regionFileUnitSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    let backups = 0;
    file.units.forEach((unit, index) => {
      const first = seen.get(unit.hsaId);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["units", index, "hsaId"],
          message: `duplicate of units[${first}].hsaId`,
        });
      } else seen.set(unit.hsaId, index);
      // The first two digits of a kommunkod are the länskod of the region it lies in.
      if (!unit.kommun.startsWith(file.region.code)) {
        ctx.addIssue({
          code: "custom",
          path: ["units", index, "kommun"],
          message: `kommun ${unit.kommun} is not in region ${file.region.code}`,
        });
      }
      const both = unit.closedDates.filter((d) => unit.openDates.includes(d));
      if (both.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: ["units", index, "openDates"],
          message: `${both.join(", ")} listed as both closed and open`,
        });
      }
      if (unit.type === "backup") backups += 1;
    });
    if (backups > 1) {
      ctx.addIssue({
        code: "custom",
        path: ["units"],
        message: "a region has at most one regional backup team unit",
      });
    }
  });

export type RegionFile = z.infer<typeof regionFileSchema>;
export type RegionFileUnit = z.infer<typeof regionFileUnitSchema>;
