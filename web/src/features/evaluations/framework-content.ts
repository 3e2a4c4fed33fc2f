/**
 * An evaluation arrives with a reference to its framework version; the content (criteria, inputs, facts,
 * workflow) is read once per version by its hash and kept for the session (it never changes, the server
 * marks it immutable).
 */
import { useQuery } from '@tanstack/react-query';
import type { Framework } from '@shared/frameworks/model.ts';
import { api } from '@web/lib/api.ts';
import type { EvaluationData, EvaluationDetail } from './types.ts';

export function useFrameworkContent(hash: string | undefined) {
  return useQuery({
    queryKey: ['framework-content', hash],
    queryFn: () => api.get<Framework>(`/api/frameworks/content/${encodeURIComponent(hash!)}`),
    enabled: !!hash,
    staleTime: Infinity,
    gcTime: Infinity,
  });
}

/** The evaluation with its framework's content, once both are here. */
export function withFramework<T extends EvaluationData>(
  data: T | undefined,
  content: Framework | undefined,
): (Omit<T, 'framework'> & Pick<EvaluationDetail, 'framework'>) | undefined {
  if (!data || !content) return undefined;
  return { ...data, framework: { ...content, ...data.framework } };
}
