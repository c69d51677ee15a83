/** How many recent event IDs the 1099Policy trigger remembers by default (the window is src/util/recentKeys.ts). */
export const DEFAULT_DEDUPE_WINDOW = 1000;
