// A sent message's attachments: pictures as thumbnails (fetched through getAttachment as a data:
// URL, the one way in both desktop and browser mode, which the CSP's img-src allows), documents as
// their name and size.
import { memo, useEffect, useState } from 'react';
import type { Attachment } from '../../../common/attachment-contract';
import { formatSize } from '../../../common/file-size';
import { useAide } from '../aide-context';

/** Thumbnails already fetched, so a message scrolled out and back in (virtualised) does not ask again. */
const thumbnails = new Map<string, string>();

export const MessageAttachments = memo(function MessageAttachments({ attachments }: { attachments: Attachment[] }) {
  return (
    <ul className="message-attachments" aria-label="Attached files">
      {attachments.map((attachment, index) => (
        <li key={`${attachment.id}-${index}`}>
          {attachment.kind === 'image' ? (
            <Thumbnail attachment={attachment} />
          ) : (
            <span className="attachment-chip">
              <span className="attachment-name">{attachment.name}</span>
              <span className="attachment-size">{formatSize(attachment.size)}</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
});

function Thumbnail({ attachment }: { attachment: Attachment }) {
  const api = useAide();
  const [src, setSrc] = useState(() => thumbnails.get(attachment.id) ?? null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    if (src) return;
    let live = true;
    api.getAttachment({ id: attachment.id }).then(
      (thumbnail) => {
        if (!live) return;
        if (!thumbnail) return setMissing(true);
        const url = `data:${thumbnail.type};base64,${thumbnail.data}`;
        thumbnails.set(attachment.id, url);
        setSrc(url);
      },
      () => live && setMissing(true),
    );
    return () => {
      live = false;
    };
  }, [api, attachment.id, src]);

  if (missing) return <span className="attachment-chip">{attachment.name} (no longer stored)</span>;
  return src ? (
    <img className="attachment-thumbnail" src={src} alt={attachment.name} />
  ) : (
    <span className="attachment-thumbnail loading" role="img" aria-label={attachment.name} />
  );
}
