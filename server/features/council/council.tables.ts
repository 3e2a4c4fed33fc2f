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
