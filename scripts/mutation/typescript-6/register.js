// Loaded with `node --import` in every Stryker process (scripts/mutation.mjs sets NODE_OPTIONS).
//
// Stryker 10 and its TypeScript checker import `typescript` for tsconfig parsing and diagnostics
// formatting, which only a JavaScript TypeScript (6.x) offers; the type checking itself runs on the
// project's TypeScript 7 through `@typescript/native` (the checker's `experimentalNativePreview`).
// The project's `typescript` must stay 7.0.2 and npm cannot nest a peer dependency, so `typescript`
// imported from Stryker's own files, and only from those, resolves to the 6.0.3 installed beside this file.
import { register } from "node:module";

register("./resolve-typescript-6.js", import.meta.url);
