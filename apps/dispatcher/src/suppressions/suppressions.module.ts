import { Module } from '@nestjs/common';
import { MailModule } from '../composition/mail.module';
import { SuppressionsController } from './suppressions.controller';

/** Support's view of the suppression list: look an address up, let it receive email again. */
@Module({ imports: [MailModule], controllers: [SuppressionsController] })
export class SuppressionsModule {}
