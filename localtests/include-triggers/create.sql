-- --include-triggers: the original's triggers are recreated on the ghost
-- during the cut-over with --trigger-suffix appended: a BEFORE INSERT that
-- rewrites the row, an AFTER INSERT and two BEFORE UPDATE triggers whose
-- order (FOLLOWS) matters, one made under another sql_mode, and one whose
-- name is 60 characters, 64 with the suffix: the limit, still accepted.
-- after.sql checks the copies on the ghost (execute mode, on the replica).
drop table if exists gh_ost_test;
drop table if exists gh_ost_test_log;
create table gh_ost_test (
  id int not null auto_increment,
  word varchar(32) not null,
  n int not null default 0,
  primary key (id)
) engine=innodb;

create table gh_ost_test_log (
  id int not null auto_increment,
  what varchar(64) not null,
  primary key (id)
) engine=innodb;

create trigger gh_ost_test_bi before insert on gh_ost_test
  for each row set new.word = upper(new.word);
delimiter ;;
create trigger gh_ost_test_ai after insert on gh_ost_test for each row
begin
  insert into gh_ost_test_log (what) values (concat('insert ', new.id));
end ;;
delimiter ;
create trigger gh_ost_test_bu1 before update on gh_ost_test
  for each row set new.n = old.n + 1;
create trigger gh_ost_test_bu2 before update on gh_ost_test
  for each row follows gh_ost_test_bu1 set new.n = new.n * 2;
set session sql_mode = 'PIPES_AS_CONCAT';
create trigger trigger_long_name_padding_aaaaaaaaaaaaaaaaaaaaa_60chars_xxxx
  after delete on gh_ost_test
  for each row insert into gh_ost_test_log (what) values ('delete ' || old.id);
set session sql_mode = default;

insert into gh_ost_test (word) select concat('w', seq) from seq_1_to_2000;

drop event if exists gh_ost_test;
delimiter ;;
create event gh_ost_test
  on schedule every 1 second
  starts current_timestamp
  ends current_timestamp + interval 60 second
  on completion not preserve
  enable
  do
begin
  insert into gh_ost_test (word) values ('event');
  update gh_ost_test set word = concat(word, '+') where id % 60 = second(now());
  delete from gh_ost_test where id > 1 order by id limit 1;
end ;;
