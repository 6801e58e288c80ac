-- A run commits each chunk with its checkpoint (the last USCC done), so it resumes where it stopped.
alter table matching_run add column checkpoint varchar(18);
alter table matching_run drop constraint matching_run_state_check;
alter table matching_run add constraint matching_run_state_check check (state in ('RUNNING', 'PAUSED', 'DONE', 'FAILED'));
