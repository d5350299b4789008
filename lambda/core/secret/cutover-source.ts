/** Where a cut-over window came from; reported as `cutoverSource`. */
export const CutoverSource = {
  /** The event is the AWSCURRENT move itself: an exact time. */
  Event: "event",
  /** The event followed the move (RotationSucceeded): its time is the upper bound. */
  EventUpperBound: "event-upper-bound",
  /** CloudTrail's event history recorded the move onto the current version (sweeps, direct runs, stale events). */
  CloudTrail: "cloudtrail",
  /**
   * No recorded move, but CloudTrail recorded RotationSucceeded of the rotation that created the
   * current version: the upper bound (RotateSecret, when recorded, or the version's CreatedDate the lower).
   */
  CloudTrailRotationSucceeded: "cloudtrail-rotation-succeeded",
  /** No recorded move nor success, but RotateSecret for the current version: a lower bound only. */
  CloudTrailRotateSecret: "cloudtrail-rotate-secret",
  /** No usable event time: the widest bounds the Secrets Manager APIs allow. */
  ApiBounds: "api-bounds",
} as const;

export type CutoverSource = (typeof CutoverSource)[keyof typeof CutoverSource];

/**
 * When AWSCURRENT moved, as a window. A task created after `latest` read the new value; a task
 * started before `earliest` holds an older one; anything between needs a probe to tell.
 * A cut-over known to the millisecond has `earliest === latest`.
 */
export interface CutoverWindow {
  readonly earliest: Date;
  readonly latest: Date;
  readonly source: CutoverSource;
}

/** What Secrets Manager tells us about the current version. */
export interface CutoverEvidence {
  readonly currentVersionId: string;
  /** AWSCURRENT version's CreatedDate. */
  readonly currentCreatedDate?: Date;
  /** The secret's LastChangedDate. */
  readonly lastChangedDate?: Date;
  /** The secret's LastRotatedDate: set when a rotation finishes, after its move; blind to tag edits. */
  readonly lastRotatedDate?: Date;
}
