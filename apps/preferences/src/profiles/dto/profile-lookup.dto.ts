import { ApiProperty } from '@nestjs/swagger';
import { IsEmailAddress, Limits } from '@notify/contracts';

export class ProfileLookupQuery {
  @ApiProperty({ format: 'email', maxLength: Limits.email, example: 'ana.novak@example.eu' })
  @IsEmailAddress()
  email!: string;
}

export class ProfileMatch {
  @ApiProperty()
  userId!: string;
}

export class ProfileLookupResponse {
  @ApiProperty({ type: [ProfileMatch], description: 'At most 20 users, by user id' })
  items!: ProfileMatch[];
}
