import { Injectable } from '@nestjs/common';
import { UpstreamClient } from '../upstream/upstream.client';

export interface SampleCatalog {
  templates: { id: string; locales: string[] }[];
}

export interface SampleRendering {
  id: string;
  locale: string;
  sampleData: unknown;
  subject: string;
  html: string;
  text: string;
}

/** The dispatcher's templates rendered with sample data, through its service-only API. */
@Injectable()
export class TemplateSamplesService {
  constructor(private readonly upstream: UpstreamClient) {}

  catalog(): Promise<SampleCatalog> {
    return this.upstream.call<SampleCatalog>('dispatcher', { path: '/templates/samples' });
  }

  rendering(id: string, locale: string): Promise<SampleRendering | undefined> {
    return this.upstream.find<SampleRendering>(
      'dispatcher',
      `/templates/samples/${encodeURIComponent(id)}/${encodeURIComponent(locale)}`,
    );
  }
}
