/** One server-sent event as the wire format has it (https://html.spec.whatwg.org/#event-stream-interpretation). */
export interface SseMessage {
  event?: string;
  data?: string;
  id?: string;
  retry?: number;
}

/**
 * Parses the complete events in `buffer` (each ends with a blank line) and returns what is left
 * for the next chunk. Comments (`:ping`) are skipped; multi-line data is joined with "\n".
 */
export function parseSseChunk(buffer: string): { messages: SseMessage[]; rest: string } {
  const normalised = buffer.replace(/\r\n?/g, '\n');
  const blocks = normalised.split('\n\n');
  const rest = blocks.pop() ?? '';
  const messages: SseMessage[] = [];
  for (const block of blocks) {
    const m: SseMessage = {};
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line === '' || line.startsWith(':')) continue;
      const colon = line.indexOf(':');
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? '' : line.slice(colon + 1);
      if (value.startsWith(' ')) value = value.slice(1);
      if (field === 'data') data.push(value);
      else if (field === 'event') m.event = value;
      else if (field === 'id' && !value.includes('\0')) m.id = value;
      else if (field === 'retry' && /^\d+$/.test(value)) m.retry = Number(value);
    }
    if (data.length > 0) m.data = data.join('\n');
    if (m.data !== undefined || m.id !== undefined || m.retry !== undefined) messages.push(m);
  }
  return { messages, rest };
}
