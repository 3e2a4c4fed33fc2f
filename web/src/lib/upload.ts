import { getCsrfToken } from './api.ts';

/**
 * Sends one file as multipart/form-data (field "file") with the session's CSRF header. Resolves
 * with the JSON answer; rejects with the server's Vietnamese message, or a network message.
 */
export async function uploadFile<T = unknown>(url: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file, file.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': getCsrfToken() ?? '' },
      body,
    });
  } catch {
    throw new Error(`Không tải lên được "${file.name}". Kiểm tra mạng rồi thử lại.`);
  }
  const data = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  if (!response.ok) throw new Error(data?.error?.message ?? `Không tải lên được "${file.name}".`);
  return data as T;
}
