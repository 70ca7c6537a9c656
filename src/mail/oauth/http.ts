/**
 * The one place the OAuth2 code touches the network: an HTTPS form POST answered with JSON.
 * The form holds secrets (refresh token, device code, client secret), so no error here
 * repeats it: a failure names the host and what the network or server said.
 */
import { errorMessage } from '../../core/errors.js';
import { OAuthError, type FormRequest } from './token-requests.js';

export interface FormAnswer {
  status: number;
  body: unknown;
}

export type PostForm = (request: FormRequest) => Promise<FormAnswer>;

/** A PostForm over fetch; `fetchImpl` and the timeout are for tests and slow networks. */
export function formPoster(options: { fetchImpl?: typeof fetch; timeoutMs?: number } = {}): PostForm {
  const fetchImpl = options.fetchImpl ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return async (request) => {
    const host = hostOf(request.url);
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams(request.form).toString(),
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = (err as { name?: string }).name === 'TimeoutError' ? `no answer in ${Math.round(timeoutMs / 1000)} s` : (cause?.code ?? cause?.message ?? errorMessage(err));
      throw new OAuthError(`could not reach ${host} (${why})`, false);
    }
    const raw = await response.text();
    let body: unknown = {};
    try {
      body = raw === '' ? {} : JSON.parse(raw);
    } catch {
      throw new OAuthError(`${host} answered HTTP ${response.status} with something that is not JSON`, false);
    }
    return { status: response.status, body };
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the token endpoint';
  }
}
