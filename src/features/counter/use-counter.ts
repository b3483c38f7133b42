import { useCallback, useRef, useState } from 'react';
import { classifyScan } from '../../domain/member-qr.ts';
import { parseMemberQuery } from '../../domain/member-search.ts';
import { findMemberByNo, findMembersByPhone } from '../../db/index.ts';
import type { Member } from '../../protocol/index.ts';
import { message, type CounterMessage } from './counter-message.ts';

export interface Counter {
  /** The member at the counter; their data is read live by id (a member registered offline has no number yet). */
  memberId: string | null;
  /** Several members share the typed phone number: the clerk picks one. */
  candidates: readonly Member[];
  message: CounterMessage | null;
  scanning: boolean;
  setScanning: (scanning: boolean) => void;
  search: (input: string) => void;
  onScan: (text: string) => void;
  select: (member: Member) => void;
  clear: () => void;
  say: (message: CounterMessage) => void;
}

/**
 * The counter's state: who is at the counter and what the clerk was last told.
 * Lookups read only the local database, so they work offline.
 */
export function useCounter(): Counter {
  const [memberId, setMemberId] = useState<string | null>(null);
  const [candidates, setCandidates] = useState<readonly Member[]>([]);
  const [feedback, setFeedback] = useState<CounterMessage | null>(null);
  const [scanning, setScanning] = useState(false);
  // Only the latest lookup may change the screen: a slow phone search must
  // not replace the member a later scan already brought up.
  const lookupSeq = useRef(0);

  const select = useCallback((member: Member) => {
    setMemberId(member.id);
    setCandidates([]);
    setFeedback(message('success', 'found', { name: member.name }));
  }, []);

  const run = useCallback(
    (lookup: () => Promise<readonly Member[]>) => {
      const seq = ++lookupSeq.current;
      lookup()
        .then((members) => {
          if (seq !== lookupSeq.current) return;
          const [first] = members;
          if (!first) {
            setFeedback(message('error', 'memberNotFound'));
          } else if (members.length === 1) {
            select(first);
          } else {
            setMemberId(null);
            setCandidates(members);
            setFeedback(null);
          }
        })
        .catch((error: unknown) => {
          console.error('member lookup failed', error);
          if (seq === lookupSeq.current) setFeedback(message('error', 'storageError'));
        });
    },
    [select],
  );

  const search = useCallback(
    (input: string) => {
      const query = parseMemberQuery(input);
      switch (query.by) {
        case 'memberNo':
          return run(async () => {
            const member = await findMemberByNo(query.memberNo);
            return member ? [member] : [];
          });
        case 'phone':
          return run(() => findMembersByPhone(query.phone));
        case 'none':
          return setFeedback(message('error', 'queryInvalid'));
      }
    },
    [run],
  );

  const onScan = useCallback(
    (text: string) => {
      const code = classifyScan(text);
      switch (code.kind) {
        case 'member-static':
          // Found what we were looking for: stop the camera.
          setScanning(false);
          return run(async () => {
            const member = await findMemberByNo(code.memberNo);
            return member ? [member] : [];
          });
        case 'member-signed':
          return setFeedback(message('info', 'signedNotSupported'));
        case 'product':
          return setFeedback(message('info', 'productScanned', { jan: code.jan }));
        case 'unknown':
          return setFeedback(message('error', 'unknownCode'));
      }
    },
    [run],
  );

  const clear = useCallback(() => {
    lookupSeq.current += 1;
    setMemberId(null);
    setCandidates([]);
    setFeedback(null);
  }, []);

  return {
    memberId,
    candidates,
    message: feedback,
    scanning,
    setScanning,
    search,
    onScan,
    select,
    clear,
    say: setFeedback,
  };
}
