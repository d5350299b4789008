import type { EmitEvent, FleetIdentity } from "../contracts.js";
import type { SecretStore } from "./secret-store.js";

/** What every Secrets Manager operation needs: state, identity, the event sink, a clock and ids. */
export interface SecretsManagerContext {
  readonly store: SecretStore;
  readonly identity: FleetIdentity;
  readonly emit: EmitEvent;
  readonly now: () => Date;
  /** Fresh ids for versions, events and ARN suffixes (UUIDs by default). */
  readonly newId: () => string;
}
