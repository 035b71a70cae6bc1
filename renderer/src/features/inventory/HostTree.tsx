import { memo, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { HostKind } from '../../../../common/domain/host';
import { useT } from '../../i18n/i18n';
import { ChevronDown, ChevronRight, ClusterIcon, ContainerIcon, DeviceIcon, ServerIcon, VmIcon } from '../../ui/icons';
import { ancestorKeys, hostKey, visibleRows, type Forest, type TreeRow } from './hostTree';

const ROW_HEIGHT = 24;
const KIND_ICON: Record<HostKind, () => React.JSX.Element> = {
  physical: ServerIcon,
  vm: VmIcon,
  container: ContainerIcon,
  device: DeviceIcon,
};

interface HostTreeProps {
  forest: Forest;
  scopeKey: string | null;
  onScope: (key: string) => void;
  revealId: number | null;
  label: string;
  /** Drawn after each host's name (other features' live status, composed in app/); keep it a stable function. */
  adornment?: ((hostId: number) => ReactNode) | undefined;
  /** Right-click on a host's node, or the ContextMenu key / Shift+F10 on the focused one (the host row menu). */
  onContextMenu?: ((hostId: number, point: { x: number; y: number }) => void) | undefined;
}

/**
 * The inventory as a tree (bare metal → VMs → nested VMs, or clusters → hosts); choosing a node scopes the table.
 * Memoized: typing in the filter re-renders the view, not a tree of 10,000 hosts that did not change.
 */
export const HostTree = memo(function HostTree({
  forest,
  scopeKey,
  onScope,
  revealId,
  label,
  adornment,
  onContextMenu,
}: HostTreeProps) {
  const t = useT();
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const rows = useMemo(() => visibleRows(forest, collapsed), [forest, collapsed]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });

  useEffect(() => {
    if (revealId === null) return;
    const key = hostKey(revealId);
    const ancestors = new Set(ancestorKeys(forest, key));
    setCollapsed((c) => new Set([...c].filter((k) => !ancestors.has(k))));
    setFocusKey(key);
    // Only when asked to reveal another host, not on every change of the tree.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [revealId]);

  useEffect(() => {
    const index = rows.findIndex((r) => r.node.key === focusKey);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
  }, [focusKey, rows, virtualizer]);

  const toggle = (key: string, open?: boolean) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (open ?? next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  const focusIndex = Math.max(
    0,
    rows.findIndex((r) => r.node.key === focusKey),
  );
  const focusAt = (index: number) => {
    const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
    if (!row) return;
    setFocusKey(row.node.key);
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    const row = rows[focusIndex];
    if (!row) return;
    if (e.key === 'ArrowDown') focusAt(focusIndex + 1);
    else if (e.key === 'ArrowUp') focusAt(focusIndex - 1);
    else if (e.key === 'Home') focusAt(0);
    else if (e.key === 'End') focusAt(rows.length - 1);
    else if (e.key === 'ArrowRight') {
      if (row.expanded === false) toggle(row.node.key, true);
      else if (row.expanded) focusAt(focusIndex + 1);
    } else if (e.key === 'ArrowLeft') {
      if (row.expanded) toggle(row.node.key, false);
      else {
        const parent = rows.slice(0, focusIndex).findLastIndex((r) => r.level < row.level);
        if (parent >= 0) focusAt(parent);
      }
    } else if (e.key === 'Enter' || e.key === ' ') onScope(row.node.key);
    else if ((e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) && row.node.host && onContextMenu) {
      const rect = document.getElementById(treeItemId(row.node.key))?.getBoundingClientRect();
      onContextMenu(row.node.host.id, { x: (rect?.left ?? 0) + 24, y: rect?.bottom ?? 0 });
    } else return;
    e.preventDefault();
  };

  const nodeLabel = (row: TreeRow) =>
    row.node.host ? row.node.host.name : row.node.cluster ? row.node.cluster : t('inventory.tree.noCluster');

  return (
    <div
      ref={scrollRef}
      className="tree-scroll"
      role="tree"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={rows[focusIndex] ? treeItemId(rows[focusIndex].node.key) : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const Icon = row.node.host ? KIND_ICON[row.node.host.kind] : ClusterIcon;
          return (
            <div
              key={row.node.key}
              id={treeItemId(row.node.key)}
              role="treeitem"
              aria-level={row.level}
              aria-posinset={row.posInSet}
              aria-setsize={row.setSize}
              aria-expanded={row.expanded ?? undefined}
              aria-selected={row.node.key === scopeKey}
              className={`tree-row${row.node.key === scopeKey ? ' selected' : ''}${item.index === focusIndex ? ' focused' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, paddingLeft: 4 + (row.level - 1) * 14 }}
              onClick={() => {
                setFocusKey(row.node.key);
                onScope(row.node.key);
              }}
              onContextMenu={(e) => {
                const host = row.node.host;
                if (!host || !onContextMenu) return;
                e.preventDefault();
                setFocusKey(row.node.key);
                onContextMenu(host.id, { x: e.clientX, y: e.clientY });
              }}
            >
              <span
                className="tree-toggle"
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  toggle(row.node.key);
                }}
              >
                {row.expanded === null ? null : row.expanded ? <ChevronDown /> : <ChevronRight />}
              </span>
              <Icon />
              <span className="tree-label">{nodeLabel(row)}</span>
              {row.node.children.length > 0 && (
                <span className="tree-count" aria-hidden="true">
                  {row.node.children.length}
                </span>
              )}
              {row.node.host && adornment?.(row.node.host.id)}
            </div>
          );
        })}
      </div>
    </div>
  );
});

function treeItemId(key: string) {
  return `tree-${key.replace(/[^\w-]/g, (c) => `_${c.charCodeAt(0)}`)}`;
}
