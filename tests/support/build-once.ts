// Global set-up for the server tests: the production build, if it is out of date, once before any
// test starts a server (servers started in parallel would otherwise each start a build).
import { buildIfNeeded } from "~/cli/build-if-needed";

export default function setup() {
  buildIfNeeded(console.log);
}
