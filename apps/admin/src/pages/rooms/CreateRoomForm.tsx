import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useApp } from '../../lib/app-context';
import { useAction } from '../../lib/hooks';
import { hrefOf } from '../../lib/route';

type Preset = 'private_chat' | 'public_chat' | 'trusted_private_chat';

/** rooms.create on behalf of a local user (by default the signed-in admin); opens the new room. */
export function CreateRoomForm() {
  const { gateway, session } = useApp();
  const [creator, setCreator] = useState(session.userId);
  const [name, setName] = useState('');
  const [topic, setTopic] = useState('');
  const [preset, setPreset] = useState<Preset>('private_chat');
  const create = useAction((input: { creatorUserId: string; name?: string; topic?: string; preset: Preset }) => gateway.rooms.create.mutate(input));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await create.run({ creatorUserId: creator.trim(), preset, ...(name.trim() ? { name: name.trim() } : {}), ...(topic.trim() ? { topic: topic.trim() } : {}) });
    if (res) window.location.hash = hrefOf({ page: 'room', roomId: res.roomId });
  }

  return (
    <details className="card form-card">
      <summary>Create a room</summary>
      <form className="form-grid" onSubmit={(e) => void submit(e)} aria-label="Create a room">
        <label>
          Creator (a local user)
          <input name="creator" required value={creator} onChange={(e) => setCreator(e.target.value)} />
        </label>
        <label>
          Name
          <input name="name" placeholder="General" value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label>
          Topic
          <input name="topic" placeholder="optional" value={topic} onChange={(e) => setTopic(e.target.value)} />
        </label>
        <label>
          Preset
          <select name="preset" value={preset} onChange={(e) => setPreset(e.target.value as Preset)}>
            <option value="private_chat">Private chat</option>
            <option value="public_chat">Public chat</option>
            <option value="trusted_private_chat">Trusted private chat</option>
          </select>
        </label>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={create.busy}>
            {create.busy ? 'Creating…' : 'Create room'}
          </button>
        </div>
      </form>
      <ErrorNotice error={create.error} />
    </details>
  );
}
