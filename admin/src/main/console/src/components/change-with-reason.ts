// Every change the inventory pages make: ask why, send it with that reason, and say how it went.
import { askReason, ReasonRequest } from './reason-dialog';
import { notifyError, notifyOk } from './notices';

/**
 * Asks for a reason, then runs {@code change} with it. Resolves to the change's answer, or null when the person
 * cancelled or the server refused (the refusal is shown with the server's message).
 */
export async function changeWithReason<T>(request: ReasonRequest, change: (reason: string) => Promise<T>,
  done: string): Promise<T | null> {
  const reason = await askReason(request);
  if (reason === null) return null;
  try {
    const answer = await change(reason);
    notifyOk(done);
    return answer ?? ({} as T);
  } catch (error) {
    notifyError(error);
    return null;
  }
}
