import type { ResultNode } from '@shared/scoring/types.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { nodeValue, PROVISIONAL_LABEL } from './format.ts';

function tone(node: ResultNode): string {
  if (node.passed === true) return 'pg-chip pg-chip--ok';
  if (node.passed === false) return 'pg-chip pg-chip--bad';
  return 'pg-chip';
}

/**
 * Criteria → indicators as native disclosure widgets (<details>): expandable without any script,
 * readable by screen readers, and every level shows its value before it is opened.
 */
export function ResultTree({ nodes }: { nodes: ResultNode[] }) {
  return (
    <ul className="pg-tree">
      {nodes.map((node) => (
        <li key={node.code}>
          <details>
            <summary data-testid={`node-${node.code}`}>
              <span className="pg-tree__title">
                <strong>{node.code}.</strong> {node.title}
              </span>
              <span className="pg-tree__tags">
                {node.provisional && <span className="pg-chip pg-chip--warn">{PROVISIONAL_LABEL}</span>}
                {node.source === 'missing' && <span className="pg-chip">Chưa nhập</span>}
                <span className={tone(node)}>{nodeValue(node)}</span>
              </span>
            </summary>
            <div className="pg-tree__body">
              {node.max !== null && <p className="pg-muted">Điểm tối đa: {formatDecimal(node.max)}</p>}
              {node.explanation && <p>{node.explanation}</p>}
              {node.legalBasis && <p className="pg-muted pg-small">Căn cứ: {node.legalBasis}</p>}
              {node.children.length > 0 && <ResultTree nodes={node.children} />}
            </div>
          </details>
        </li>
      ))}
    </ul>
  );
}
