-- The highest ids are deleted before the migration, so the table's
-- AUTO_INCREMENT (501) is above max(id)+1. The ghost must carry 501 over:
-- otherwise ids 301..500 would be handed out a second time after the swap.
-- No event writes here, so the counter is exactly what was set up.
drop event if exists gh_ost_test;
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  v int not null,
  primary key (id)
) engine=innodb;

insert into gh_ost_test (v) select seq from seq_1_to_500;
delete from gh_ost_test where id > 300;
