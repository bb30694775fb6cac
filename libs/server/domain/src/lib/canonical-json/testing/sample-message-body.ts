/** A ~1 KiB m.room.message body of the kind clients send: HTML, mentions, a reply, emoji. */
export const SAMPLE_MESSAGE_BODY = JSON.stringify(
  {
    msgtype: 'm.text',
    body: 'Hey team — quick update on the release: the "canonical JSON" work is done.\nSee https://example.org/notes?id=42&lang=en for details. Ünïcödé and 日本語 and an emoji 🎉 too.',
    format: 'org.matrix.custom.html',
    formatted_body:
      '<p>Hey team — quick update on the release: the <code>canonical JSON</code> work is done.</p><p>See <a href="https://example.org/notes?id=42&amp;lang=en">the notes</a> for details. Ünïcödé and 日本語 🎉</p>',
    'm.mentions': { user_ids: ['@alice:example.org', '@bob:example.org'] },
    'm.relates_to': {
      'm.in_reply_to': { event_id: '$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg' },
      rel_type: 'm.thread',
      event_id: '$abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
      is_falling_back: true,
    },
    'org.example.extra': { n: 12345, list: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], flag: false, nothing: null },
  },
  null,
  1,
);
