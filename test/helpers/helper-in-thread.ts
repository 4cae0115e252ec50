// A helper participant served in this thread (no worker): the commands and messages go straight
// across, so a test decides when each participant reads (for orders that real threads leave to chance).
import { InputAccess } from "../../src/core/input/access";
import { Helper, HelperJob } from "../../src/core/run/helper";
import { JsEngine } from "../../src/core/scan/js-engine";
import { HelperCommand, HelperMessage, helperOver } from "../../src/core/threads/helper-client";
import { serveHelper } from "../../src/core/threads/helper-worker";

/**
 * A helper participant served in this thread: the commands and messages go straight across.
 * `booted`: it starts its job only then (as a worker that takes a while to boot).
 */
export function helperInThisThread(job: HelperJob, access: InputAccess, booted?: Promise<unknown>): Helper {
  const commands: HelperCommand[] = [];
  let waiting: ((command: HelperCommand) => void) | undefined;
  return helperOver({
    post(command) {
      const listener = waiting;
      waiting = undefined;
      if (listener) listener(command);
      else commands.push(command);
    },
    listen(onMessage: (message: HelperMessage) => void) {
      void (booted ?? Promise.resolve()).then(() => serveHelper(job, {
        post: (message) => onMessage(message),
        nextCommand(listener) {
          const command = commands.shift();
          if (command) listener(command);
          else waiting = listener;
        },
      }, access, () => new JsEngine()));
    },
    terminate: async () => {},
  });
}

