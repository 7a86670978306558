// What the tools need from the reminder service; ReminderService implements it.
import type { Appointment, Reminder } from '../../../common/contract';

export interface ReminderPort {
  listReminders(): Reminder[];
  listAppointments(): Appointment[];
  createReminder(input: { title: string; due: string; rrule: string | null; notes: string | null; sourceKey?: string }): Reminder;
  updateReminder(id: string, patch: { title?: string; due?: string; rrule?: string | null; notes?: string | null }): Reminder;
  completeReminder(id: string): Reminder;
  snoozeReminder(id: string, minutes: number): Reminder;
  deleteReminder(id: string): Reminder;
  createAppointment(input: {
    title: string;
    start: string;
    end: string;
    location: string | null;
    notes: string | null;
    rrule: string | null;
    remindMinutesBefore: number | null;
    sourceKey?: string;
  }): Appointment;
  updateAppointment(
    id: string,
    patch: {
      title?: string;
      start?: string;
      end?: string;
      location?: string | null;
      notes?: string | null;
      rrule?: string | null;
      remindMinutesBefore?: number;
    },
  ): Appointment;
  deleteAppointment(id: string): Appointment;
}
