// The reporter test/run.ts passes to node --test (--test-reporter): Node 20 loads reporters
// without tsx's loader hooks, so this file is plain JS and loads the TypeScript through tsx's API.
import { tsImport } from 'tsx/esm/api';

export default async function* skipSummaryReporter(source) {
  const { collectSkips } = await tsImport('./skip-summary.ts', import.meta.url);
  yield* collectSkips(source);
}
