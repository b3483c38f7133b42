import { useState } from 'react';
import { migratePaperCard, type MigrateFailure, type MigrateResult } from '../../db/index.ts';
import type { Approval, Member } from '../../protocol/index.ts';

export type WizardStep = 'member' | 'card' | 'balance' | 'photo' | 'confirm' | 'done';

export interface MigrateWizard {
  step: WizardStep;
  member: Member | null;
  cardNo: string;
  points: number;
  photo: string;
  busy: boolean;
  failure: MigrateFailure | null;
  chooseMember: (member: Member) => void;
  setCard: (cardNo: string) => void;
  setPoints: (points: number) => void;
  setPhoto: (photo: string) => void;
  goTo: (step: WizardStep) => void;
  /** With a manager's approval when the balance is above the threshold. */
  confirm: (approval?: Approval) => Promise<void>;
  restart: () => void;
}

/**
 * The wizard's state: member → card number → balance → photo → confirm.
 * Each step only moves on with a value its check accepted; the named
 * operation checks everything again (and the one-time rule) on confirm; a
 * double tap finds its own write, as the entry's id comes from the card.
 */
export function useMigrateWizard(): MigrateWizard {
  const [step, setStep] = useState<WizardStep>('member');
  const [member, setMember] = useState<Member | null>(null);
  const [cardNo, setCardNo] = useState('');
  const [points, setPointsValue] = useState(0);
  const [photo, setPhotoValue] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<MigrateFailure | null>(null);

  async function confirm(approval?: Approval): Promise<void> {
    if (!member || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      const result: MigrateResult = await migratePaperCard({
        memberId: member.id,
        cardNo,
        points,
        ...(photo === '' ? {} : { photo }),
        ...(approval ? { approval } : {}),
      });
      if (result.ok) setStep('done');
      else setFailure(result.reason);
    } finally {
      setBusy(false);
    }
  }

  return {
    step,
    member,
    cardNo,
    points,
    photo,
    busy,
    failure,
    chooseMember: (chosen) => {
      setMember(chosen);
      setStep('card');
    },
    setCard: (value) => {
      setCardNo(value);
      setFailure(null);
      setStep('balance');
    },
    setPoints: (value) => {
      setPointsValue(value);
      setStep('photo');
    },
    setPhoto: (value) => {
      setPhotoValue(value);
      setStep('confirm');
    },
    goTo: (next) => {
      setFailure(null);
      setStep(next);
    },
    confirm,
    restart: () => {
      setStep('member');
      setMember(null);
      setCardNo('');
      setPointsValue(0);
      setPhotoValue('');
      setFailure(null);
    },
  };
}
