-- A 61-character trigger name plus the 4-character suffix is 65 characters,
-- one more than MySQL allows: refused before anything is made.
drop table if exists gh_ost_test;
create table gh_ost_test (
  id int not null auto_increment,
  n int not null,
  primary key (id)
) engine=innodb;

create trigger trigger_long_name_padding_aaaaaaaaaaaaaaaaaaaaa_61chars_xxxxx
  after insert on gh_ost_test for each row set @x = new.n;

insert into gh_ost_test (n) values (1), (2), (3);
