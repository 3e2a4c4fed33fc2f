import { Button, Card, Flex, Typography } from 'antd';
import { QrCode } from './QrCode.tsx';

type Props = {
  /** Shown above the address, e.g. "Trang niêm yết công khai". */
  title: string;
  /** The public page's path, e.g. postingPath(id) from ./public-links.ts. */
  path: string;
  /** Above the address; defaults to the posting page's purpose (read and comment). */
  description?: string;
  /** The printable notice for the notice board, when the page has one (postingNoticePath(id)). */
  noticePath?: string;
};

/**
 * The full address of a public page, its QR code, and (for a posting) the printable notice. Plain
 * links, not router links: the public pages are their own entry (web/public.html).
 */
export function PublicLinkCard({
  title,
  path,
  description = 'Địa chỉ để người dân xem và góp ý (không cần đăng nhập):',
  noticePath,
}: Props) {
  const url = window.location.origin + path;
  return (
    <Card size="small" title={title}>
      <Flex gap={16} wrap align="flex-start">
        <div style={{ flex: '0 0 132px', border: '1px solid #f0f0f0', padding: 2 }}>
          <QrCode text={url} size={128} label={`Mã QR dẫn tới ${url}`} />
        </div>
        <Flex vertical gap={8} style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Typography.Text type="secondary">{description}</Typography.Text>
          <Typography.Link
            href={url}
            target="_blank"
            rel="noopener"
            copyable={{ text: url, tooltips: ['Sao chép địa chỉ', 'Đã sao chép'] }}
            style={{ overflowWrap: 'anywhere' }}
            data-testid="public-link"
          >
            {url}
          </Typography.Link>
          {noticePath && (
            <div>
              <Button href={noticePath} target="_blank" rel="noopener">
                In thông báo niêm yết (kèm mã QR)
              </Button>
            </div>
          )}
        </Flex>
      </Flex>
    </Card>
  );
}
