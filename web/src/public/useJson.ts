import { useEffect, useState } from 'react';
import { api, ApiError } from '@web/lib/api.ts';

export type Loaded<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; data: T };

/** One GET when the page opens: plain fetch through the api client, no cache library. */
export function useJson<T>(url: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    api
      .get<T>(url)
      .then((data) => live && setState({ status: 'done', data }))
      .catch(
        (e: unknown) =>
          live &&
          setState({
            status: 'error',
            error: e instanceof ApiError ? e : new ApiError(0, 'unknown', 'Vui lòng thử lại sau.'),
          }),
      );
    return () => {
      live = false;
    };
  }, [url]);
  return state;
}
