/** Settings of Cline's task events, read on use. */
import { setting } from './config';

export type NotifyOnComplete = 'always' | 'whenUnfocused' | 'never';

export const taskSettings = {
  notifyOnComplete: (): NotifyOnComplete => {
    const value = setting('tasks.notifyOnComplete');
    return value === 'always' || value === 'never' ? value : 'whenUnfocused';
  },
  notifyWhenWaiting: (): boolean => setting('tasks.notifyWhenWaiting'),
};
