import { Module } from '@nestjs/common';
import { SendingModule } from '../sending/sending.module';
import { SuppressionsController } from './suppressions.controller';

/** Support's view of the suppression list: look an address up, let it receive email again. */
@Module({ imports: [SendingModule], controllers: [SuppressionsController] })
export class SuppressionsModule {}
