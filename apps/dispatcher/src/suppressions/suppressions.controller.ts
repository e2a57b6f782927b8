import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, ServiceOnlyGuard } from '@notify/security';
import { SuppressionService } from '../email/suppression.service';
import {
  RemoveSuppressionDto,
  SuppressionListResponse,
  SuppressionParams,
  SuppressionQueryDto,
  SuppressionResponse,
} from './dto/suppression.dto';

@ApiTags('suppressions')
@UseGuards(ServiceOnlyGuard)
@Controller('suppressions')
export class SuppressionsController {
  constructor(private readonly suppressions: SuppressionService) {}

  @Get()
  @ApiOperation({
    summary: 'Whether an address is on the suppression list, why, and the event that put it there',
  })
  @ApiOkResponse({ type: SuppressionListResponse })
  @ApiBadRequestResponse({ description: '`email` is missing or not an address' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  async find(@Query() query: SuppressionQueryDto): Promise<SuppressionListResponse> {
    const entry = await this.suppressions.find(query.email);
    return { items: entry ? [SuppressionResponse.from(entry)] : [] };
  }

  @Delete(':email')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Lets a suppressed address receive email again',
    description: 'Platform services only; the removal is kept with the caller and the reason.',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiBadRequestResponse({ description: '`email` is not an address or `reason` is missing' })
  @ApiForbiddenResponse({ description: 'The caller is not a platform service' })
  @ApiNotFoundResponse({ description: 'The address is not suppressed' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SuppressionParams,
    @Body() body: RemoveSuppressionDto,
  ): Promise<void> {
    await this.suppressions.remove(params.email, principal.userId, body.reason);
  }
}
