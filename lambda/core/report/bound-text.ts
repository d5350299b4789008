/**
 * Cuts untrusted or unbounded text (an AWS message, an event field, a tag value) to `max`
 * characters, saying how much was left out, so one value can never make a log line or a report
 * row arbitrarily large (CloudWatch cuts log events at 256 KB).
 */
export function boundText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max)}… (${text.length - max} more characters)`;
}
