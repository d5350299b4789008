// The floor for the function's CPU per probe request: the same GETs with nothing else. Reads
// { urls, tokens, concurrency } as JSON on stdin; sends every token to every URL over one keep-alive
// node:http connection per URL, `concurrency` URLs at a time, and prints its own CPU time (ms) spent
// on them. Plain JavaScript so it runs on bare node, like the bundled function.
import { Agent, request } from "node:http";

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = "";
    process.stdin.on("data", (chunk) => {
      text += chunk;
    });
    process.stdin.on("end", () => resolve(text));
  }),
);

function get(url, token, agent) {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function probeUrl(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const token of input.tokens) await get(url, token, agent);
  } finally {
    agent.destroy();
  }
}

const started = process.cpuUsage();
let next = 0;
await Promise.all(
  Array.from({ length: input.concurrency }, async () => {
    while (next < input.urls.length) await probeUrl(input.urls[next++]);
  }),
);
const used = process.cpuUsage(started);
process.stdout.write(
  JSON.stringify({
    cpuMs: (used.user + used.system) / 1000,
    requests: input.urls.length * input.tokens.length,
  }),
);
