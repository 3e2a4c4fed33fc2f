import type { ColumnType, Generated } from 'kysely';

export type CouncilRole = 'chair' | 'vice_chair' | 'member' | 'secretary';

export interface CouncilsTable {
  id: Generated<string>;
  period_id: string;
  unit_id: string;
  name: string;
  created_at: Generated<Date>;
}

export interface CouncilMembersTable {
  id: Generated<string>;
  council_id: string;
  unit_id: string;
  user_id: string | null;
  full_name: string;
  position: string;
  council_role: CouncilRole;
  /** Order in which the members were named; null for councils named before it was stored. */
  rank: ColumnType<number | null, number | undefined, number | null>;
  created_at: Generated<Date>;
}

export interface CouncilMeetingsTable {
  id: Generated<string>;
  council_id: string;
  unit_id: string;
  mode: 'meeting' | 'written';
  held_on: string;
  location: string | null;
  present_member_ids: ColumnType<string[], string, string>;
  quorum_met: boolean;
  conclusions: string | null;
  /** 'HH:MM' as entered; null when nobody entered it (the minutes then leave blanks). */
  start_time: string | null;
  end_time: string | null;
  /** The members who chaired and took the minutes (both present); they sign Mẫu 05. */
  chair_member_id: string | null;
  secretary_member_id: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CouncilOpinionsTable {
  id: Generated<string>;
  meeting_id: string;
  member_id: string;
  evaluation_id: string;
  unit_id: string;
  opinion: 'achieved' | 'not_achieved';
  comment: string | null;
  recorded_by: string | null;
  /** Set when someone other than the member recorded it: "Ghi thay theo …". */
  proxy_note: string | null;
  created_at: Generated<Date>;
}

export interface RecognitionDecisionsTable {
  id: Generated<string>;
  period_id: string;
  unit_id: string;
  number: string;
  signed_on: string;
  signer_name: string;
  signer_title: string;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface CouncilTables {
  councils: CouncilsTable;
  council_members: CouncilMembersTable;
  council_meetings: CouncilMeetingsTable;
  council_opinions: CouncilOpinionsTable;
  recognition_decisions: RecognitionDecisionsTable;
}
