/**
 * Builds the widgets once before any test file runs: the Node server serves
 * them, the Worker's static assets need the folder, and the browser tests load
 * them. Files that need a build of their own (the budget test) make one in a
 * temporary folder.
 */
import { buildWidgets } from '../../scripts/build-widgets';

export default async function setup(): Promise<void> {
  await buildWidgets();
}
