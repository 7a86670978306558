// What the tools need from the reminder service; AgendaService implements it.
import type { Appointment, Reminder } from '../../../common/contract';
import type { AppointmentPatch, NewAppointment, NewReminder, ReminderPatch } from '../reminders/reminder-items';

export interface ReminderPort {
  listReminders(): Reminder[];
  listAppointments(): Appointment[];
  createReminder(input: NewReminder): Reminder;
  updateReminder(id: string, patch: ReminderPatch): Reminder;
  completeReminder(id: string): Reminder;
  snoozeReminder(id: string, minutes: number): Reminder;
  deleteReminder(id: string): Reminder;
  createAppointment(input: NewAppointment): Appointment;
  updateAppointment(id: string, patch: AppointmentPatch): Appointment;
  deleteAppointment(id: string): Appointment;
}
