// A synced item's conflict history: when both Aide and another device changed the same field, the
// sync kept the newer change and wrote a sentence about the other, shown here so nothing is lost.
export function ConflictHistory({ history }: { history: string[] | undefined }) {
  if (!history || history.length === 0) return null;
  return (
    <details className="item-history">
      <summary>Changes from other devices</summary>
      <ul>
        {history.map((sentence, index) => (
          <li key={`${index}-${sentence}`}>{sentence}</li>
        ))}
      </ul>
    </details>
  );
}
