import { useCallback, useEffect, useRef, useState } from 'react';
import { classifyScan } from '../../domain/member-qr.ts';
import { isPaperCardNo } from '../../domain/paper-card.ts';
import { parseMemberQuery, type MemberQuery } from '../../domain/member-search.ts';
import { lookupMembers, type MemberMatch } from '../../db/index.ts';
import { recordMemberLookup, type LookupVia } from '../../db/audit.ts';
import { verifySignedCode } from '../../db/signed-codes.ts';
import type { Member } from '../../protocol/index.ts';
import { memberIdFromHash } from '../members/counter-link.ts';
import { message, type CounterMessage } from './counter-message.ts';
import { onlineLookupMessage, searchAllMembers } from './online-member-lookup.ts';
import { signedRefusalMessage } from './signed-code-message.ts';

export interface Counter {
  /** The member at the counter; their data is read live by id (a member registered offline has no number yet). */
  memberId: string | null;
  /**
   * The record the lookup just read for `memberId`, shown until the live read
   * of it arrives: the card is on screen a render sooner than waiting for a
   * second query of the member the lookup already has (issue 8's lookup time).
   */
  foundMember: Member | null;
  /** The member at the counter showed a valid TNP2 code from their own phone in this session: only then may they redeem. */
  identifiedBySignedCode: boolean;
  /** Several members match what was typed (a shared phone, a kana prefix): the clerk picks one. */
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
  // A member just registered arrives selected (#/counter?member=<id>), ready to earn.
  const [memberId, setMemberId] = useState<string | null>(() => memberIdFromHash(window.location.hash));
  const [foundMember, setFoundMember] = useState<Member | null>(null);
  const [candidates, setCandidates] = useState<readonly Member[]>([]);
  const [feedback, setFeedback] = useState<CounterMessage | null>(null);
  const [scanning, setScanning] = useState(false);
  // Only the latest lookup may change the screen: a slow phone search must
  // not replace the member a later scan already brought up.
  const lookupSeq = useRef(0);
  // Who was identified by a TNP2 code; selecting anyone else (or clearing) ends it.
  const [signedFor, setSignedFor] = useState<string | null>(null);
  // search() hands scanner text (a keyboard-wedge scanner types it) to onScan, defined below.
  const scanTyped = useRef<(text: string) => void>(() => undefined);
  // How the member being selected was found, for the audit log (set as each lookup starts).
  const lookupVia = useRef<LookupVia>('search');

  // The hand-over is read once: drop it from the address so a reload or a
  // later visit does not bring the same member back (replaceState fires no hashchange).
  useEffect(() => {
    if (memberIdFromHash(window.location.hash) !== null) {
      // Keep the entry's state: the in-app back control stores its depth there.
      window.history.replaceState(window.history.state, '', window.location.hash.split('?')[0]);
    }
  }, []);

  const select = useCallback((member: Member) => {
    setSignedFor(null); // a signed scan sets it again right after
    setMemberId(member.id);
    setFoundMember(member);
    setCandidates([]);
    setFeedback(message('success', 'found', { name: member.name }));
    recordMemberLookup(member.id, lookupVia.current);
  }, []);

  const run = useCallback(
    function runLookup(lookup: () => Promise<readonly MemberMatch[]>, query?: MemberQuery) {
      const seq = ++lookupSeq.current;
      lookup()
        .then(async (matches) => {
          if (seq !== lookupSeq.current) return;
          const [first] = matches;
          if (!first && query) {
            // Not on this tablet (it holds only its shop's members): ask the server, which caches the answer here.
            setFeedback(message('info', 'searchingOnline'));
            const online = await searchAllMembers(query);
            if (seq !== lookupSeq.current) return;
            if (online.kind === 'found') {
              // The audit log tells a lookup of a member this tablet does not hold from a local one.
              lookupVia.current = 'online';
              runLookup(() => Promise.resolve(online.matches));
            }
            else setFeedback(onlineLookupMessage(online));
          } else if (!first) {
            setFeedback(message('error', 'memberNotFound'));
          } else if (matches.length === 1) {
            select(first.member);
            // 名寄せ: the number or card the clerk used belongs to a merged record; say whose it is now.
            if (first.mergedFrom) {
              const values = { name: first.member.name, oldNo: first.mergedFrom.memberNo, newNo: first.member.memberNo };
              setFeedback(message('info', 'foundMerged', values));
            }
          } else {
            setMemberId(null);
            setCandidates(matches.map((match) => match.member));
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
      if (/^\s*TNP[12]:/.test(input)) return scanTyped.current(input);
      const query = parseMemberQuery(input);
      if (query.by === 'none') return setFeedback(message('error', 'queryInvalid'));
      lookupVia.current = 'search';
      run(() => lookupMembers(query), query);
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
          lookupVia.current = 'scan';
          return run(() => lookupMembers({ by: 'memberNo', memberNo: code.memberNo }), { by: 'memberNo', memberNo: code.memberNo });
        case 'member-signed': {
          setScanning(false);
          lookupVia.current = 'signed-code';
          // Verified offline against the member's registered phone keys; the nonce is burnt here.
          const seq = ++lookupSeq.current;
          verifySignedCode(code.raw)
            .then((verdict) => {
              if (seq !== lookupSeq.current) return;
              if (!verdict.ok) return setFeedback(signedRefusalMessage(verdict.reason));
              select(verdict.member);
              setSignedFor(verdict.member.id);
            })
            .catch((error: unknown) => {
              console.error('signed code check failed', error);
              if (seq === lookupSeq.current) setFeedback(message('error', 'storageError'));
            });
          return;
        }
        case 'product':
          // A migrated paper card's barcode is an in-store EAN-13 (prefix 29): it finds its member.
          if (isPaperCardNo(code.jan)) {
            setScanning(false);
            lookupVia.current = 'paper-card';
            return run(() => lookupMembers({ by: 'paperCard', cardNo: code.jan }), { by: 'paperCard', cardNo: code.jan });
          }
          return setFeedback(message('info', 'productScanned', { jan: code.jan }));
        case 'unknown':
          return setFeedback(message('error', 'unknownCode'));
      }
    },
    [run, select],
  );
  useEffect(() => {
    scanTyped.current = onScan;
  }, [onScan]);

  const clear = useCallback(() => {
    lookupSeq.current += 1;
    setSignedFor(null);
    setMemberId(null);
    setFoundMember(null);
    setCandidates([]);
    setFeedback(null);
  }, []);

  return {
    memberId,
    foundMember: foundMember?.id === memberId ? foundMember : null,
    identifiedBySignedCode: signedFor !== null && signedFor === memberId,
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
