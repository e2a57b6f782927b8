import { Matches } from 'class-validator';

export class TemplateParams {
  @Matches(/^[a-z0-9.-]{1,64}$/, { message: 'id must be a template id such as activity.mention' })
  id!: string;

  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { message: 'locale must be a language tag such as fr' })
  locale!: string;
}
