import { listenOnLoopback } from "../../../fleet/apps/listen-on-loopback.js";
import { SAMPLE_APP_CATALOGUE, type SampleAppImage } from "../../../fleet/apps/sample-app-catalogue.js";
import type { Fleet } from "../../../fleet/fleet-api.js";

/**
 * Restarts a RUNNING task's app on the same address and port behind a request counter: the same
 * image and environment, so it answers exactly as before, and every request path is recorded. Lets a
 * test prove nobody probed a task (the sample apps log nothing). The fleet closes it like any task app.
 */
export async function countTaskRequests(
  fleet: Fleet,
  taskArn: string,
  image: SampleAppImage,
  env: Readonly<Record<string, string>>,
): Promise<readonly string[]> {
  const task = fleet.ecs.tasks.get(taskArn);
  if (!task?.app) throw new Error(`task ${taskArn} has no running app to observe`);
  await task.app.close();
  const listener = SAMPLE_APP_CATALOGUE[image].create(image, env);
  const requests: string[] = [];
  task.app = await listenOnLoopback(
    (request, response) => {
      requests.push(request.url ?? "");
      listener(request, response);
    },
    task.eni.privateIPv4Address,
    task.port,
  );
  return requests;
}
