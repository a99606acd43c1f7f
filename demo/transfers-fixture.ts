import { generateDemoRegionFiles, type RegionFile } from "./regions.ts";

let cached: RegionFile[] | null = null;

/** The demo region files, generated once per test file (they are pure and take a moment). */
export function generateRegionFilesOnce(): RegionFile[] {
  cached ??= generateDemoRegionFiles();
  return cached;
}
