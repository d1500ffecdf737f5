/**
 * What the model reads for a tool call a person rejected: the same words whether the loop ran the step or a
 * browser sent the rejection back in the chat's history (dragoman/web).
 */
export function rejectedCallText(toolName: string, reason: string | undefined): string {
  const because = reason ? ` Reason: ${reason}${/[.!?؟。]$/u.test(reason) ? '' : '.'}` : '';
  return `The user rejected this call of tool "${toolName}", so it did not run.${because} Do not call it again unless the user asks.`;
}
