import { ForbiddenException } from '@nestjs/common';
import type { Principal } from '@notify/security';
import type { DeliveryLogEntry, DeliveryLogRepository } from './delivery-log.repository';
import { DeliveryLogService } from './delivery-log.service';

const user: Principal = { userId: 'user-1', kind: 'user', isService: false, roles: [] };
const entry = (id: string) => ({ id }) as DeliveryLogEntry;

describe('DeliveryLogService', () => {
  const repository = { listForRecipient: jest.fn() };
  const service = new DeliveryLogService(repository as unknown as DeliveryLogRepository);

  it('lets a user read only their own log', async () => {
    await expect(service.list(user, 'user-2', 10)).rejects.toBeInstanceOf(ForbiddenException);
    expect(repository.listForRecipient).not.toHaveBeenCalled();
  });

  it('lets a platform service read anyone’s log', async () => {
    repository.listForRecipient.mockResolvedValue([]);

    await expect(
      service.list({ userId: 'svc', kind: 'service', isService: true, roles: ['service'] }, 'user-2', 10),
    ).resolves.toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('reads one row more than a page to know whether another page follows', async () => {
    repository.listForRecipient.mockResolvedValue([entry('9'), entry('8'), entry('7')]);

    await expect(service.list(user, 'user-1', 2, '10')).resolves.toEqual({
      items: [entry('9'), entry('8')],
      nextCursor: '8',
    });
    expect(repository.listForRecipient).toHaveBeenCalledWith('user-1', 3, '10');
  });
});
